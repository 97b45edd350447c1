"""Forms of the mentoring pages; the rules themselves live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import ACCEPT

from .models import Chapter, MentoringFinding, Regulation, UploadKind


def year_choices() -> list[tuple[int, int]]:
    """The report is written early in the next year, so last year comes first."""
    this = timezone.localdate().year
    return [(year, year) for year in (this - 1, this, this - 2)]


class NewRequestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    year = forms.TypedChoiceField(label=_("Year of the performance report"), coerce=int, choices=())
    subject = forms.CharField(label=_("Note for Biro Perencanaan"), max_length=255, required=False)

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        if units.count() == 1:
            field.initial = units.first()
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = year_choices()


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=UploadKind.choices)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, Word, Excel, PowerPoint or an image; checked by its content."),
    )


class FindingForm(forms.Form):
    chapter = forms.ChoiceField(label=_("Chapter of the LKj"), choices=Chapter.choices)
    regulation = forms.ChoiceField(label=_("Regulation"), choices=Regulation.choices)
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0, required=False)

    @classmethod
    def of(cls, finding: MentoringFinding) -> FindingForm:
        return cls(
            initial={
                "chapter": finding.chapter,
                "regulation": finding.regulation,
                "finding": finding.finding,
                "recommendation": finding.recommendation,
                "sort_order": finding.sort_order,
                "row_version": finding.row_version,
            }
        )


class VersionForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WorksheetForm(VersionForm):
    representative = forms.ChoiceField(label=_("The unit's representative who signs"), choices=())

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(person.pk), person.get_full_name()) for person in people]
