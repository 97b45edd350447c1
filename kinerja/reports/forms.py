"""Forms of the LKj workspace: each carries the `row_version` the editor loaded."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_TEXT


class VersionForm(forms.Form):
    row_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class SectionForm(VersionForm):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class IndicatorNoteForm(VersionForm):
    analysis = forms.CharField(
        label=_("Causes of success or failure"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    solutions = forms.CharField(
        label=_("Solutions and follow-up"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    efficiency = forms.CharField(
        label=_("Efficiency of resources"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    programmes = forms.CharField(
        label=_("Supporting programmes and activities"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(VersionForm):
    note = forms.CharField(label=_("What the unit should change"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(VersionForm):
    note = forms.CharField(
        label=_("Note for the unit (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
