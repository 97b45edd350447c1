from django import forms

from .models import OrgUnit
from .services import PROFILE_FIELDS


class UnitProfileForm(forms.ModelForm):
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = OrgUnit
        fields = list(PROFILE_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
