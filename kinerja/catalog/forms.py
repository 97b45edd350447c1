"""Forms of the catalogue's sheet: the indicator's texts and links, objectives, persons in charge.

The structured formula editor is in :mod:`kinerja.catalog.editor`; the try-compute panel in
:mod:`kinerja.catalog.trypanel`.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import User

from .editor import text_lines
from .models import Indicator, IndicatorKind, Sasaran
from .services import SHEET_FIELDS
from .templatetags.catalog_ui import PERIODICITY_SHORT

EVIDENCE_KINDS = {
    "file": "file",
    "berkas": "file",
    "link": "link",
    "tautan": "link",
    "text": "text",
    "teks": "text",
}
OPTIONAL_WORDS = {"opsional", "optional", "tidak wajib"}


def evidence_line(name: str, kinds: list[str], required: bool) -> str:
    line = f"{name} | {', '.join(kinds or ['file'])}"
    return line if required else f"{line} | opsional"


def parse_evidence_line(line: str) -> dict[str, Any]:
    """`name | file, link | opsional`: how a planner writes one evidence document in a text box."""
    name, _sep, rest = line.partition("|")
    kinds_text, _sep, flag = rest.partition("|")
    words = [w.strip().lower() for w in kinds_text.replace(";", ",").split(",") if w.strip()]
    unknown = [w for w in words if w not in EVIDENCE_KINDS and w not in OPTIONAL_WORDS]
    if unknown or not name.strip():
        raise forms.ValidationError(
            _("%(line)s: write a document as: name | file, link, text | opsional") % {"line": line}
        )
    optional = flag.strip().lower() in OPTIONAL_WORDS or any(w in OPTIONAL_WORDS for w in words)
    kinds = list(dict.fromkeys(EVIDENCE_KINDS[w] for w in words if w in EVIDENCE_KINDS)) or ["file"]
    return {"name": name.strip(), "kinds": kinds, "required": not optional}


# --- sheet forms ----------------------------------------------------------------------------------
# The sheet as the form edits it: source_notes is a list, edited as lines.
SHEET_FORM_FIELDS = [name for name in SHEET_FIELDS if name != "source_notes"]
GROUPS = [
    (_("Indicator"), ["unit", "sasaran", "code", "name", "kind", "is_active"]),
    (
        _("Definition and description"),
        ["definition", "description", "manual_formula_text", "calculation_note"],
    ),
    (
        _("Measurement"),
        ["target_aspect", "validity", "data_source", "evidence", "responsible_unit", "data_status"],
    ),
    (_("Cascading"), ["cascading_method", "parent_indicator"]),
    (_("Notes"), ["notes", "source_notes"]),
]
TALL = {"definition", "description", "manual_formula_text", "notes"}


class SheetForm(forms.ModelForm):
    """The sheet's texts and links; the formula has its own editor and versions."""

    source_notes = forms.CharField(
        label=_("Notes on the source (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was unclear in the source document and how it was read."),
    )
    evidence = forms.CharField(
        label=_("Evidence documents (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The documents a unit must provide as evidence (data dukung) of its realisation, one per line: "
            "name | file, link, text | optional. Without the second part a document is a required file."
        ),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Indicator
        fields = SHEET_FORM_FIELDS

    def __init__(self, *args: Any, sasaran_qs: Any, parent_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = sasaran_qs
        self.fields["parent_indicator"].queryset = parent_qs
        self.fields["parent_indicator"].label_from_instance = lambda i: (
            f"{i.code} {i.name} ({i.unit.short_name})"
        )
        for name, formfield in self.fields.items():
            if isinstance(formfield.widget, forms.Textarea):
                formfield.widget.attrs["rows"] = 6 if name in TALL else 3
        if not self.is_bound and self.instance.pk:
            self.initial["source_notes"] = "\n".join(str(n) for n in self.instance.source_notes or [])
            self.initial["evidence"] = "\n".join(
                evidence_line(e.name, e.kinds, e.required) for e in self.instance.evidence_requirements.all()
            )

    def clean_evidence(self) -> list[dict[str, Any]]:
        return [parse_evidence_line(line) for line in text_lines(self.cleaned_data.get("evidence") or "")]

    def evidence_items(self, indicator: Indicator) -> list[dict[str, Any]] | None:
        """The evidence list to store; None when it is unchanged."""
        items: list[dict[str, Any]] = self.cleaned_data.get("evidence") or []
        current = [
            {"name": e.name, "kinds": list(e.kinds), "required": e.required}
            for e in indicator.evidence_requirements.all()
        ]
        return None if items == current else items

    def clean_source_notes(self) -> list[str]:
        return text_lines(self.cleaned_data.get("source_notes") or "")

    def sheet(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in [*SHEET_FORM_FIELDS, "source_notes"]}

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names if name in self.fields]) for title, names in GROUPS]


class CreateForm(SheetForm):
    unit = forms.ModelChoiceField(queryset=None, label=_("Unit"))  # type: ignore[arg-type]
    reason = forms.CharField(label=_("Note for the first formula version"), required=False, max_length=500)

    class Meta(SheetForm.Meta):
        # The unit is not a model field of this form: the uniqueness of (unit, code) is checked in
        # clean(), in words that name the code (Django's own Indonesian message says the opposite).
        fields = ["code", *SHEET_FORM_FIELDS]

    def __init__(self, *args: Any, unit_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_qs
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} ({u.code})"
        self.fields.pop("row_version")
        self.fields["kind"].initial = IndicatorKind.IK

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit, sasaran, code = data.get("unit"), data.get("sasaran"), (data.get("code") or "").strip()
        if unit and sasaran and sasaran.unit_id != unit.pk:
            self.add_error("sasaran", _("Choose an objective of the chosen unit."))
        if unit and code and Indicator.objects.filter(unit=unit, code=code).exists():
            self.add_error("code", _("This unit already has an indicator with this code."))
        return data


class DefineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the version history, next to your name and the date."),
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput)


class FilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    unit = forms.ChoiceField(required=False, label=_("Unit"))
    sasaran = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label=_("Objective"))
    kind = forms.ChoiceField(
        required=False, label=_("Kind"), choices=[("", _("IKU and IK")), *IndicatorKind.choices]
    )
    periodicity = forms.ChoiceField(required=False, label=_("Reporting period"))
    sort = forms.ChoiceField(
        required=False,
        label=_("Order"),
        choices=[("", _("By unit and objective")), ("code", _("By code")), ("name", _("By name"))],
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], sasaran: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units")), *units]
        grouped: dict[str, list[tuple[int, str]]] = {}
        for item in sasaran:
            text = f"{item.code} · {item.name}"
            grouped.setdefault(item.unit.short_name, []).append((item.pk, text[:90]))
        self.fields["sasaran"].choices = [("", _("All objectives")), *grouped.items()]
        self.fields["periodicity"].choices = [("", _("All periods")), *PERIODICITY_SHORT.items()]


class PicForm(forms.Form):
    """Who is in charge of an indicator from a date: chosen among the people of its unit."""

    user = forms.ModelChoiceField(queryset=None, label=_("Person"))  # type: ignore[arg-type]
    start_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args: Any, unit: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, role_assignments__unit=unit, role_assignments__is_active=True
        ).distinct()
        self.fields["user"].label_from_instance = lambda u: u.get_full_name()


class SasaranForm(forms.ModelForm):
    class Meta:
        model = Sasaran
        fields = ["unit", "code", "name", "kind", "parent", "note"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, units: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda s: f"{s.code} {s.name} ({s.unit.short_name})"
