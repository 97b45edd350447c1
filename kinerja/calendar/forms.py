"""Forms of the calendar page. They check types only; the rules live in services.py and sla.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.workflows.models import ServiceKind

from .models import Weekday

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "class": "form-control form-control-sm w-auto"}, format="%H:%M")


class CollectiveLeaveForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    name = forms.CharField(label=_("Name"), max_length=200)


class ImportForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)


class ServiceHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, widget=forms.HiddenInput)
    opens = forms.TimeField(label=_("Opens"), widget=TIME)
    closes = forms.TimeField(label=_("Closes"), widget=TIME)


class SlaForm(forms.Form):
    """The calculator: instants as typed (a datetime-local input sends them without an offset, i.e. WIB)."""

    service = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    start = forms.CharField(
        label=_("Complete request received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("WIB (Asia/Jakarta)."),
    )
    end = forms.CharField(
        label=_("Product delivered"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("WIB (Asia/Jakarta)."),
    )
    pauses = forms.CharField(
        label=_("Pauses (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, written START/END, e.g. 2025-03-07T08:00/2025-03-07T10:00."),
    )

    def pause_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("pauses", "").splitlines() if line.strip()]
