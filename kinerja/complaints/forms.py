"""Forms of complaint handling: the public form, the status lookup, the officer's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import ACCEPT
from kinerja.workflows.models import ServiceStandard

from .models import Channel, ComplaintKind
from .services import LIMITS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern of Django's documentation); the service checks them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ComplaintFields(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ComplaintKind.choices)
    standard = forms.ModelChoiceField(
        label=_("Service concerned"),
        queryset=ServiceStandard.objects.all(),
        required=False,
        empty_label=_("Other / no particular service"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit addressed"), queryset=OrgUnit.objects.filter(is_active=True).order_by("path")
    )
    subject = forms.CharField(label=_("Subject"), max_length=LIMITS["subject"])
    text = forms.CharField(
        label=_("Your message"), max_length=LIMITS["text"], widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous"),
        required=False,
        help_text=_("We keep no contact details: keep your number and secret to follow up."),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=LIMITS["contact_name"], required=False)
    contact_email = forms.EmailField(
        label=_("E-mail"),
        max_length=LIMITS["contact_email"],
        required=False,
        help_text=_("We send your number, your secret and our answer here."),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=LIMITS["contact_phone"], required=False)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to 3 files of 5 MB each: PDF, PNG or JPEG images, or Office documents."),
    )

    def __init__(self, *args: Any, bureau: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bureau is not None:
            self.fields["unit"].initial = bureau.pk


class ComplaintForm(ComplaintFields):
    """The public form; its honeypot is a plain input in the template, checked by the view."""


class RecordForm(ComplaintFields):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    field_order = ["channel", "received_at"]


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    secret = forms.CharField(
        label=_("Secret"), max_length=40, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class VersionForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TriageForm(VersionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ComplaintKind.choices)
    standard = forms.ModelChoiceField(
        label=_("Service concerned"),
        queryset=ServiceStandard.objects.all(),
        required=False,
        empty_label=_("Other / no particular service"),
    )
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class AnswerForm(VersionForm):
    answer = forms.CharField(
        label=_("Public answer"), max_length=LIMITS["answer"], widget=forms.Textarea(attrs={"rows": 5})
    )


class RejectForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason (shown to the complainant)"),
        max_length=LIMITS["reason"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), max_length=LIMITS["note"], widget=forms.Textarea(attrs={"rows": 3})
    )
