from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PublicProfile, ServiceText
from .services import PROFILE_FIELDS, SERVICE_TEXT_FIELDS


class ProfileForm(forms.ModelForm):
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PublicProfile
        fields = PROFILE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in PROFILE_FIELDS
            if name.endswith(("_id", "_en"))
        }


class ServiceTextForm(forms.ModelForm):
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ServiceText
        fields = SERVICE_TEXT_FIELDS
        widgets = {
            "summary_id": forms.Textarea(attrs={"rows": 2}),
            "summary_en": forms.Textarea(attrs={"rows": 2}),
            "requirements_en": forms.Textarea(attrs={"rows": 4}),
            "steps_en": forms.Textarea(attrs={"rows": 7}),
        }


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Document code"),
        max_length=300,
        help_text=_("The code printed under the QR code, or the address the QR code opens."),
    )
