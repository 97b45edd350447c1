"""Forms of the transparency portal's publication management."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("PDF file"), required=False)


class PublishForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawForm(PublishForm):
    reason = forms.CharField(label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 2}))
