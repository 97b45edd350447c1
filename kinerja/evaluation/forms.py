"""Forms of the evaluation pages: each write carries the `row_version` its editor loaded."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import Role, User
from kinerja.performance.uploads import ACCEPT

from .services import MAX_TEXT


def evaluators() -> QuerySet[User]:
    """People who may sign a report: active inspectors and administrators, with a role in force."""
    today = timezone.localdate()
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__is_active=True,
            role_assignments__role__in=[Role.INSPECTOR, Role.ADMIN],
        )
        .filter(Q(role_assignments__start_date__isnull=True) | Q(role_assignments__start_date__lte=today))
        .filter(Q(role_assignments__end_date__isnull=True) | Q(role_assignments__end_date__gte=today))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class VersionForm(forms.Form):
    row_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class OpenForm(forms.Form):
    unit = forms.CharField(label=_("Unit"), max_length=40)
    year = forms.IntegerField(label=_("Year evaluated"), min_value=2000, max_value=2200)


class AnswerForm(VersionForm):
    option_code = forms.CharField(label=_("Answer"), max_length=5, required=False)
    # The "accept proposal" button posts the proposed option here; it wins over the select.
    proposal = forms.CharField(max_length=5, required=False)
    note = forms.CharField(label=_("Explanation"), max_length=MAX_TEXT, required=False, widget=forms.Textarea)
    evidence_link = forms.CharField(label=_("Evidence link"), max_length=500, required=False)
    evidence_file = forms.FileField(
        label=_("Evidence file"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )


class ScoreForm(VersionForm):
    option_code = forms.CharField(label=_("Score"), max_length=5, required=False)
    note = forms.CharField(
        label=_("Evaluator's note"), max_length=MAX_TEXT, required=False, widget=forms.Textarea
    )


class ReturnForm(VersionForm):
    note = forms.CharField(label=_("What the unit should complete"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueForm(VersionForm):
    letter_number = forms.CharField(label=_("Letter number"), max_length=100)
    summary = forms.CharField(
        label=_("The evaluator's summary"), max_length=MAX_TEXT, required=False, widget=forms.Textarea
    )
    evaluators = PersonChoice(label=_("Evaluators who sign"), queryset=User.objects.none())
    approver = forms.ModelChoiceField(
        label=_("Approving official (optional)"), queryset=User.objects.none(), required=False
    )
    approver_capacity = forms.CharField(
        label=_("The approving official signs as"), max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = evaluators()
        self.fields["evaluators"].queryset = people  # type: ignore[attr-defined]
        self.fields["approver"].queryset = people  # type: ignore[attr-defined]
        self.fields["approver"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    def signers(self) -> list[Any]:
        """Evaluators in the order chosen, then the approving official with their capacity."""
        data = self.cleaned_data
        chosen: list[Any] = list(data["evaluators"])
        approver = data.get("approver")
        if approver is not None:
            chosen = [u for u in chosen if u.pk != approver.pk]
            chosen.append((approver, data.get("approver_capacity") or str(_("Inspector General"))))
        return chosen
