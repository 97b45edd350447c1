from django import forms

from .models import OrgUnit
from .services import PROFILE_FIELDS


class UnitProfileForm(forms.ModelForm):
    row_version = forms.IntegerField(widget=forms.HiddenInput)
    website = forms.URLField(
        label=OrgUnit._meta.get_field("website").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = OrgUnit
        fields = list(PROFILE_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
