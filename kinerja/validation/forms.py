"""Forms of the validation pages; the rules themselves are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import Role, User
from kinerja.catalog.models import IndicatorKind, TargetAspect
from kinerja.planning.periods import QUARTERS

from .models import IndicatorProposal, Polarity, ValidatorSide, Verdict

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class ProposalForm(forms.Form):
    sasaran = forms.CharField(label=_("Objective (sasaran)"), widget=TEXTAREA)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndicatorKind.choices, initial=IndicatorKind.IK)
    name = forms.CharField(label=_("Proposed indicator"), widget=TEXTAREA)
    definition = forms.CharField(label=_("Definition"), widget=TEXTAREA, required=False)
    formula = forms.CharField(
        label=_("Formula"),
        widget=TEXTAREA,
        required=False,
        help_text=_("As the unit writes it; the computation itself is defined later in the catalogue."),
    )
    measure_unit = forms.CharField(label=_("Unit of measure (satuan)"), max_length=100, required=False)
    target = forms.CharField(label=_("Annual target"), max_length=30, required=False)
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Polarity.choices, initial=Polarity.MAXIMIZE)
    target_aspect = forms.ChoiceField(
        label=_("Target aspect"), choices=[("", "—"), *TargetAspect.choices], required=False
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for quarter in QUARTERS:
            self.fields[f"target_{quarter}"] = forms.CharField(
                label=_("Target %(quarter)s") % {"quarter": quarter}, max_length=30, required=False
            )

    @classmethod
    def for_proposal(cls, proposal: IndicatorProposal, **kwargs: Any) -> ProposalForm:
        initial = {
            name: getattr(proposal, name)
            for name in (
                "sasaran",
                "kind",
                "name",
                "definition",
                "formula",
                "measure_unit",
                "polarity",
                "target_aspect",
            )
        }
        initial["target"] = "" if proposal.target is None else f"{proposal.target.normalize():f}"
        initial["row_version"] = proposal.row_version
        for quarter in QUARTERS:
            initial[f"target_{quarter}"] = proposal.quarter_targets.get(quarter, "")
        return cls(initial=initial, prefix=f"p{proposal.pk}", **kwargs)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{
                name: data[name]
                for name in (
                    "sasaran",
                    "kind",
                    "name",
                    "definition",
                    "formula",
                    "measure_unit",
                    "target",
                    "polarity",
                    "target_aspect",
                )
            },
            "quarter_targets": {q: data[f"target_{q}"] for q in QUARTERS if data.get(f"target_{q}")},
        }


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    agreed_name = forms.CharField(label=_("Agreed indicator"), widget=TEXTAREA, required=False)
    agreed_definition = forms.CharField(label=_("Agreed definition"), widget=TEXTAREA, required=False)
    agreed_formula = forms.CharField(label=_("Agreed formula"), widget=TEXTAREA, required=False)
    agreed_measure_unit = forms.CharField(label=_("Agreed unit of measure"), max_length=100, required=False)
    agreed_target = forms.CharField(label=_("Agreed annual target"), max_length=30, required=False)
    reason = forms.CharField(
        label=_("Reason or note"),
        widget=TEXTAREA,
        required=False,
        help_text=_("Required when the proposal is rejected."),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_proposal(cls, proposal: IndicatorProposal, **kwargs: Any) -> VerdictForm:
        """Prefilled with the agreed text if any, else the proposal's: validators edit what differs."""
        target = proposal.final_target
        initial = {
            "verdict": proposal.verdict,
            "agreed_name": proposal.final_name,
            "agreed_definition": proposal.final_definition,
            "agreed_formula": proposal.final_formula,
            "agreed_measure_unit": proposal.final_measure_unit,
            "agreed_target": "" if target is None else f"{target.normalize():f}",
            "reason": proposal.reason,
            "row_version": proposal.row_version,
        }
        return cls(initial=initial, prefix=f"v{proposal.pk}", **kwargs)


class AssignForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=ValidatorSide.choices)
    user = forms.ModelChoiceField(label=_("Validator"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                is_active=True,
                role_assignments__is_active=True,
                role_assignments__role__in=[Role.PLANNER, Role.INSPECTOR],
            )
            .distinct()
            .order_by("full_name", "username")
        )


class CallForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the Inspectorate General"),
        widget=TEXTAREA,
        required=False,
        help_text=_("For example the date and place of the validation session."),
    )


class WorksheetForm(forms.Form):
    representative = forms.ModelChoiceField(label=_("Unit's representative"), queryset=User.objects.none())
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by("full_name", "username")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled template (.xlsx)"))
