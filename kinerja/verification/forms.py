"""Forms of the verification session. The corrected inputs themselves come from the indicator's
definition (`catalog.trypanel.TryPanel`, the same generated fields as the realisation entry)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import User

from .models import Verdict

TEXTAREA = {"rows": 2, "class": "form-control"}


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class LineCheckForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[(Verdict.SESUAI, Verdict.SESUAI.label), (Verdict.DIKOREKSI, Verdict.DIKOREKSI.label)],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Required for a correction: what the evidence shows."),
    )


class WorksheetForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    verifiers = PeopleChoice(
        label=_("Verifiers (Biro Perencanaan)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    representative = PersonChoice(
        label=_("Signs for the unit"),
        queryset=User.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, officers: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verifiers"].queryset = officers  # type: ignore[attr-defined]
        self.fields["representative"].queryset = staff  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs=TEXTAREA))
