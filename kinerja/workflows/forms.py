"""Forms of the request register's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import Role, User
from kinerja.organization.models import OrgUnit
from kinerja.planning.periods import QUARTER_CHOICES

from .models import ReviewVerdict, ServiceKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def planners() -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True, role_assignments__role=Role.PLANNER, role_assignments__is_active=True
        )
        .distinct()
        .order_by("full_name", "username")
    )


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.short_name} ({obj.code})"


class InvitationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(
        label=_("Quarter"),
        choices=[("", "—"), *QUARTER_CHOICES],
        required=False,
        help_text=_("Only a verification names a quarter."),
    )
    units = UnitChoice(
        label=_("Units"),
        queryset=OrgUnit.objects.filter(is_active=True).order_by("path"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    meeting_at = forms.DateTimeField(label=_("Meeting time"), widget=DATETIME, required=False)
    place = forms.CharField(label=_("Place or link"), max_length=255, required=False)


class OpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.ChoiceField(label=_("Quarter"), choices=[("", "—"), *QUARTER_CHOICES], required=False)
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["kind"].choices = [(k, v) for k, v in ServiceKind.choices if k in kinds]  # type: ignore[attr-defined]


class VersionedForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReassignForm(VersionedForm):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = planners()  # type: ignore[attr-defined]


class CompensationForm(VersionedForm):
    note = forms.CharField(
        label=_("How the compensation was given"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=ReviewVerdict.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TickForm(forms.Form):
    key = forms.CharField(max_length=40)
    met = forms.BooleanField(required=False)


class PortfolioForm(forms.Form):
    planner = forms.ModelChoiceField(label=_("Planner"), queryset=User.objects.none())
    units = UnitChoice(
        label=_("Units served"),
        queryset=OrgUnit.objects.filter(is_active=True).order_by("path"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    lead = UnitChoice(
        label=_("Units where the planner is the lead officer"),
        queryset=OrgUnit.objects.filter(is_active=True).order_by("path"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["planner"].queryset = planners()  # type: ignore[attr-defined]
