"""Forms of the survey pages: the questionnaire, a unit's services and populations, the feed refresh."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit

from .ikm import ELEMENTS
from .models import ELEMENT_LABELS, SCORE_CHOICES, AgeBand, Education, Occupation, Sex, SurveyService
from .services import PERIODS, SUGGESTION_MAX

PERIOD_CHOICES = [(p, _("Whole year") if p == "TAHUN" else p) for p in PERIODS]
BLANK = [("", "—")]


class ResponseForm(forms.Form):
    """The questionnaire; `website` is a honeypot that people never see and robots fill in."""

    age = forms.IntegerField(label=_("Age (years)"), min_value=10, max_value=120, required=False)
    age_band = forms.ChoiceField(label=_("or age group"), choices=BLANK + AgeBand.choices, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=BLANK + Sex.choices)
    education = forms.ChoiceField(label=_("Education"), choices=BLANK + Education.choices)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=BLANK + Occupation.choices)
    suggestion = forms.CharField(
        label=_("Suggestions (optional)"),
        max_length=SUGGESTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": SUGGESTION_MAX}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in ELEMENTS:
            self.fields[key] = forms.TypedChoiceField(
                label=f"{key.upper()} {ELEMENT_LABELS[key]}",
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def score_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in ELEMENTS]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in ("age", "age_band", "sex", "education", "occupation", "suggestion")]

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class ServiceForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens, e.g. pelanggaran.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ServiceEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Surveyed (open link and results)"), required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class PopulationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES)
    population = forms.IntegerField(label=_("People served"), min_value=0, max_value=10_000_000)


class RefreshForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Quarter"), choices=[(p, p) for p in PERIODS if p != "TAHUN"])


class ResultsFilter(forms.Form):
    service = forms.ChoiceField(label=_("Service"), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("All services")), *[(s.code, s.name) for s in services]]

    def values(self) -> tuple[str, int, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("service") or "",
            data.get("year") or timezone.localdate().year,
            data.get("period") or "TAHUN",
        )


class FeedForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    services = forms.ModelMultipleChoiceField(
        label=_("Services whose answers count"),
        queryset=SurveyService.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, indicators: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["services"].queryset = services
