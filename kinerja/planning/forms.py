"""Forms of the planning pages. The PK's and the Renstra's indicator tables are read from the
POST by small table classes, because their columns depend on each indicator's periods."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kinerja.catalog.models import Indicator
from kinerja.organization.models import OrgUnit

from .models import ActionStep, Agreement, StepStatus
from .periods import QUARTER_CHOICES
from .services import agreement_periods
from .targets import parse_target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    entry_close_day = forms.IntegerField(
        label=_("Entry closes on day"),
        min_value=1,
        max_value=28,
        initial=15,
        help_text=_("Day of the month after the quarter on which entry closes."),
    )


class CloseDayForm(forms.Form):
    entry_close_day = forms.IntegerField(label=_("Entry closes on day"), min_value=1, max_value=28)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class WindowForm(forms.Form):
    entry_opens = forms.DateField(label=_("Entry opens"), widget=DATE)
    entry_closes = forms.DateField(label=_("Entry closes"), widget=DATE)
    review_closes = forms.DateField(label=_("Review closes"), widget=DATE)


class ExtensionForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    closes_on = forms.DateField(label=_("Entry closes on"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CorrectionForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Every unit"),
    )
    quarters = forms.MultipleChoiceField(
        label=_("Quarters"), choices=QUARTER_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class FrozenAddForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    start_quarter = forms.ChoiceField(
        label=_("Applies from"),
        choices=QUARTER_CHOICES,
        help_text=_("Earlier quarters show “not applicable”, not “missing”."),
    )

    def __init__(self, *args: Any, indicators: QuerySet[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: f"{i.unit.code} · {i.code} {i.name}"


class RenstraForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    regulation = forms.CharField(
        label=_("Regulation"),
        max_length=255,
        help_text=_("The decree the plan rests on, e.g. Permen KP 17/2020."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot come before the first year."))
        return data


# --- the indicator tables ------------------------------------------------------------------------


@dataclass
class RenstraRow:
    indicator: Indicator
    included: bool
    baseline: str
    baseline_year: str
    targets: list[tuple[int, str]]


class RenstraTable:
    """The Renstra's indicators: `r-<pk>-on`, `-baseline`, `-baseline_year`, `-<year>`."""

    def __init__(
        self,
        indicators: QuerySet[Indicator],
        years: range,
        data: QueryDict | None = None,
        existing: Any = None,
    ) -> None:
        stored = {row.indicator_id: row for row in (existing or [])}
        self.years = list(years)
        self.rows: list[RenstraRow] = []
        for indicator in indicators:
            prefix = f"r-{indicator.pk}-"
            if data is not None:
                row = RenstraRow(
                    indicator,
                    bool(data.get(prefix + "on")),
                    data.get(prefix + "baseline", ""),
                    data.get(prefix + "baseline_year", ""),
                    [(year, data.get(f"{prefix}{year}", "")) for year in self.years],
                )
            else:
                old = stored.get(indicator.pk)
                row = RenstraRow(
                    indicator,
                    old is not None,
                    _plain(old.baseline) if old else "",
                    str(old.baseline_year or "") if old else "",
                    [
                        (year, (old.yearly_targets or {}).get(str(year), "") if old else "")
                        for year in self.years
                    ],
                )
            self.rows.append(row)

    def service_rows(self) -> list[dict[str, Any]]:
        result = []
        for row in self.rows:
            if not row.included:
                continue
            if row.baseline_year and not row.baseline_year.strip().isdigit():
                raise ValidationError(
                    {
                        "baseline_year": _("%(code)s: the baseline year is a year.")
                        % {"code": row.indicator.code}
                    }
                )
            result.append(
                {
                    "indicator": row.indicator,
                    "baseline": row.baseline,
                    "baseline_year": int(row.baseline_year) if row.baseline_year.strip() else None,
                    "yearly_targets": {str(year): value for year, value in row.targets if value.strip()},
                }
            )
        return result


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


@dataclass
class TargetRow:
    indicator: Indicator
    periods: tuple[str, ...]
    stabilize: bool
    included: bool = False
    target: str = ""
    target_high: str = ""
    weight: str = ""
    # period -> (value or low, high)
    period_values: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class SasaranSetting:
    sasaran: Any
    weight: str
    perspective: str


class TargetTable:
    """The PK's indicators and targets. Field names: `i-<pk>-on`, `-target`, `-target_high`,
    `-weight`, `-p-<period>` (and `-p-<period>-high` for stabilize); `s-<sasaran pk>-weight`,
    `-perspective` for the objectives."""

    def __init__(
        self,
        indicators: QuerySet[Indicator],
        year: int,
        data: QueryDict | None = None,
        agreement: Agreement | None = None,
    ) -> None:
        stored = {item.indicator_id: item for item in agreement.indicator_rows.all()} if agreement else {}
        stored_sasaran = {row.sasaran_id: row for row in agreement.sasaran_rows.all()} if agreement else {}
        self.rows: list[TargetRow] = []
        self.sasaran: list[SasaranSetting] = []
        seen_sasaran: set[int] = set()
        for indicator in indicators:
            try:
                periods, stabilize = agreement_periods(indicator, year)
            except ValidationError:
                continue
            row = TargetRow(indicator, periods, stabilize)
            prefix = f"i-{indicator.pk}-"
            if data is not None:
                row.included = bool(data.get(prefix + "on"))
                row.target = data.get(prefix + "target", "")
                row.target_high = data.get(prefix + "target_high", "")
                row.weight = data.get(prefix + "weight", "")
                row.period_values = [
                    (p, data.get(f"{prefix}p-{p}", ""), data.get(f"{prefix}p-{p}-high", "")) for p in periods
                ]
            else:
                item = stored.get(indicator.pk)
                row.included = item is not None
                if item is not None:
                    row.target, row.target_high, row.weight = (
                        _plain(item.target),
                        _plain(item.target_high),
                        _plain(item.weight),
                    )
                values = item.period_targets if item is not None else {}
                row.period_values = [(p, *_pair(values.get(p))) for p in periods]
            self.rows.append(row)
            if indicator.sasaran_id not in seen_sasaran:
                seen_sasaran.add(indicator.sasaran_id)
                spre = f"s-{indicator.sasaran_id}-"
                old = stored_sasaran.get(indicator.sasaran_id)
                self.sasaran.append(
                    SasaranSetting(
                        indicator.sasaran,
                        data.get(spre + "weight", "")
                        if data is not None
                        else _plain(old.weight)
                        if old
                        else "",
                        data.get(spre + "perspective", "")
                        if data is not None
                        else old.perspective
                        if old
                        else "",
                    )
                )

    def grouped(self) -> list[tuple[SasaranSetting, list[TargetRow]]]:
        return [(s, [r for r in self.rows if r.indicator.sasaran_id == s.sasaran.pk]) for s in self.sasaran]

    def service_rows(self) -> list[dict[str, Any]]:
        result = []
        for row in self.rows:
            if not row.included:
                continue
            periods: dict[str, Any] = {}
            for period, low, high in row.period_values:
                periods[period] = {"low": low, "high": high} if row.stabilize else low
            result.append(
                {
                    "indicator": row.indicator,
                    "target": row.target,
                    "target_high": row.target_high if row.stabilize else "",
                    "weight": row.weight,
                    "period_targets": periods,
                }
            )
        return result

    def sasaran_settings(self) -> dict[int, dict[str, Any]]:
        return {s.sasaran.pk: {"weight": s.weight, "perspective": s.perspective} for s in self.sasaran}


def _pair(raw: Any) -> tuple[str, str]:
    target = parse_target(raw)
    if target is None:
        return "", ""
    if hasattr(target, "low"):
        return _plain(target.low), _plain(target.high)
    return _plain(target), ""


# --- the PK's header, budget, revision, signing, steps ---------------------------------------------


def budget_lines(rows: Any) -> str:
    return "\n".join(f"{r.programme_code} | {r.programme_name} | {_plain(r.ceiling)}" for r in rows)


class AgreementForm(forms.Form):
    first_party_name = forms.CharField(label=_("First party"), max_length=255, required=False)
    first_party_title = forms.CharField(label=_("First party's position"), max_length=255, required=False)
    second_party_name = forms.CharField(label=_("Second party"), max_length=255, required=False)
    second_party_title = forms.CharField(label=_("Second party's position"), max_length=255, required=False)
    place = forms.CharField(label=_("Place of signing"), max_length=100, required=False)
    budget = forms.CharField(
        label=_("Budget per programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One programme per line: code | name | ceiling (pagu) in rupiah, "
            "e.g. DL | Pengawasan SDKP | 4850000000"
        ),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_budget(self) -> list[dict[str, str]]:
        rows = []
        for line in self.cleaned_data["budget"].splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3:
                raise forms.ValidationError(
                    _("%(line)s: write a programme as: code | name | ceiling") % {"line": line}
                )
            ceiling = parts[2].replace("Rp", "").replace(".", "").replace(" ", "").replace(",", ".")
            rows.append({"programme_code": parts[0], "programme_name": parts[1], "ceiling": ceiling})
        return rows

    def header(self) -> dict[str, str]:
        names = ("first_party_name", "first_party_title", "second_party_name", "second_party_title", "place")
        return {name: self.cleaned_data[name] for name in names}


class ReviseForm(AgreementForm):
    reason = forms.CharField(
        label=_("Reason for the revision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the revision, e.g. a budget refocusing or a new assignment."),
    )


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class StepForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES)
    description = forms.CharField(label=_("Step"), widget=forms.Textarea(attrs={"rows": 2}))
    cumulative_target = forms.CharField(label=_("Cumulative target"), max_length=100, required=False)


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the step is not done or postponed."),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_step(cls, step: ActionStep, data: Any = None) -> StepStatusForm:
        return cls(
            data,
            prefix=f"step{step.pk}",
            initial={
                "status": step.status,
                "justification": step.justification,
                "row_version": step.row_version,
            },
        )
