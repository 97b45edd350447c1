"""Forms of the realisation entry. The inputs themselves come from the indicator's definition
(`catalog.trypanel.TryPanel`, the same generated fields as "coba hitung"); these forms carry the rest."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.catalog.models import EvidenceKind, EvidenceRequirement

from .models import Evidence
from .uploads import ACCEPT

TEXTAREA = {"rows": 3, "class": "form-control"}


class RealisationForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    not_computable = forms.BooleanField(
        label=_("The value cannot be calculated this period"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        label=_("Why it cannot be calculated"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    worse_note = forms.CharField(
        label=_("Why the value is worse than the last verified one"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    progress = forms.CharField(label=_("Progress"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    obstacles = forms.CharField(
        label=_("Obstacles (kendala)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    follow_up = forms.CharField(
        label=_("Follow-up (tindak lanjut)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class EvidenceForm(forms.Form):
    requirement = forms.ModelChoiceField(
        label=_("Required document"),
        queryset=EvidenceRequirement.objects.none(),
        required=False,
        empty_label=_("— other evidence —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=EvidenceKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    description = forms.CharField(
        label=_("Description"), max_length=500, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPT}),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    corrects = forms.ModelChoiceField(
        label=_("Corrects"),
        queryset=Evidence.objects.none(),
        required=False,
        empty_label=_("— nothing —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, requirements: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = requirements  # type: ignore[attr-defined]
        self.fields["corrects"].queryset = evidence  # type: ignore[attr-defined]


class BudgetSpendingForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Spent up to the quarter's end"),
        min_value=0,
        max_digits=20,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VersionForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs=TEXTAREA))
