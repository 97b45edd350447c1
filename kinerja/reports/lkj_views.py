"""The LKj workspace: a unit writes the chapters and indicator analyses of its annual report, a
planner reviews them. Chapters and analyses save one at a time (htmx swaps the edited card; a
plain form post redirects back), each naming the version it was loaded at."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.accounts.access import Action, can
from kinerja.catalog.models import Indicator
from kinerja.core.forms import add_service_errors, posted_action
from kinerja.mentoring.models import MentoringFinding
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .forms import IndicatorNoteForm, ReturnForm, ReviewForm, SectionForm, VersionForm
from .models import DraftState, LkjDraft, LkjIndicatorNote, LkjSection, Section


def _may_write(user: Any, unit: OrgUnit, draft: LkjDraft | None) -> bool:
    return can(user, Action.CHANGE, unit) and (draft is None or draft.state in services.EDITABLE)


def _chapter(
    section: str,
    row: LkjSection | None,
    findings: dict[str, list[MentoringFinding]],
    form: SectionForm | None = None,
) -> dict[str, Any]:
    return {
        "key": section,
        "label": Section(section).label,
        "row": row,
        "form": form
        or SectionForm(
            initial={"text": row.text if row else "", "row_version": row.row_version if row else 0}
        ),
        "findings": findings.get(section, []),
    }


def _indicator(
    indicator: Indicator, note: LkjIndicatorNote | None, form: IndicatorNoteForm | None = None
) -> dict[str, Any]:
    initial: dict[str, Any] = {"row_version": note.row_version if note else 0}
    if note is not None:
        initial.update({name: getattr(note, name) for name in services.NOTE_FIELDS})
    return {"indicator": indicator, "note": note, "form": form or IndicatorNoteForm(initial=initial)}


@login_required
@require_GET
def workspace(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    found = selectors.workspace(unit=unit, year=year)
    draft = found.draft
    findings = selectors.findings_by_section(selectors.findings_for(user=request.user, unit=unit, year=year))
    context = {
        "unit": unit,
        "year": year,
        "draft": draft,
        "state": draft.state if draft else DraftState.WRITING,
        "state_label": draft.get_state_display() if draft else DraftState.WRITING.label,
        "may_write": _may_write(request.user, unit, draft),
        "may_submit": draft is not None
        and draft.state in services.EDITABLE
        and can(request.user, Action.CHANGE, unit),
        "may_review": draft is not None and can(request.user, Action.SERVE, unit),
        "chapters": [_chapter(s, found.sections.get(s), findings) for s in Section.values],
        "appendix_findings": findings.get("", []),
        "indicators": [
            _indicator(i, found.notes.get(i.pk)) for i in selectors.draft_indicators(unit=unit, year=year)
        ],
        "has_agreement": selectors.current_agreement(unit=unit, year=year) is not None,
        "history": selectors.draft_history(found),
        "return_form": ReturnForm(initial={"row_version": draft.row_version if draft else 0}),
        "review_form": ReviewForm(initial={"row_version": draft.row_version if draft else 0}),
    }
    return render(request, "reports/lkj.html", context)


def _back(unit: OrgUnit, year: int, anchor: str = "") -> HttpResponse:
    response = redirect("reports:lkj", code=unit.code, year=year)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _flash_form(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _writer(request: HttpRequest, code: str) -> OrgUnit:
    unit = selectors.unit_get(user=request.user, code=code)
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    return unit


@login_required
@require_POST
def section_save(request: HttpRequest, code: str, year: int, section: str) -> HttpResponse:
    unit = _writer(request, code)
    if section not in Section.values:
        raise Http404(section)
    form = SectionForm(request.POST)
    row: LkjSection | None = None
    if form.is_valid():
        try:
            draft = services.lkj_draft_get_or_create(actor=request.user, unit=unit, year=year)
            row = services.lkj_section_save(
                actor=request.user,
                draft=draft,
                section=section,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if not request.htmx:
        if row is not None:
            messages.success(request, _("Saved."))
        else:
            _flash_form(request, form)
        return _back(unit, year, f"chapter-{section}")
    findings = selectors.findings_by_section(selectors.findings_for(user=request.user, unit=unit, year=year))
    context = {
        "unit": unit,
        "year": year,
        "may_write": True,
        "chapter": _chapter(section, row, findings, form=None if row is not None else form),
        "saved": row is not None,
    }
    return render(request, "reports/lkj.html#chapter", context)


@login_required
@require_POST
def note_save(request: HttpRequest, code: str, year: int, indicator: int) -> HttpResponse:
    unit = _writer(request, code)
    found = selectors.draft_indicator_get(unit=unit, year=year, pk=indicator)
    form = IndicatorNoteForm(request.POST)
    note: LkjIndicatorNote | None = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            draft = services.lkj_draft_get_or_create(actor=request.user, unit=unit, year=year)
            note = services.lkj_indicator_note_save(
                actor=request.user,
                draft=draft,
                indicator=found,
                expected_version=data["row_version"],
                **{name: data[name] for name in services.NOTE_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if not request.htmx:
        if note is not None:
            messages.success(request, _("Saved."))
        else:
            _flash_form(request, form)
        return _back(unit, year, f"indicator-{found.pk}")
    context = {
        "unit": unit,
        "year": year,
        "may_write": True,
        "item": _indicator(found, note, form=None if note is not None else form),
        "saved": note is not None,
    }
    return render(request, "reports/lkj.html#indicator", context)


def _transition(
    request: HttpRequest, code: str, year: int, action: Action, form_class: Any, apply: Any, done: str
) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    if not can(request.user, action, unit):
        raise PermissionDenied
    draft = selectors.draft_find(unit=unit, year=year)
    if draft is None:
        messages.error(request, _("Nothing has been written for this year yet."))
        return _back(unit, year)
    posted_action(request, form_class, lambda data: apply(draft, data), done)
    return _back(unit, year)


@login_required
@require_POST
def submit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _transition(
        request,
        code,
        year,
        Action.CHANGE,
        VersionForm,
        lambda draft, data: services.lkj_draft_submit(
            actor=request.user, draft=draft, expected_version=data["row_version"]
        ),
        _("Submitted: Biro Perencanaan has been told the draft is waiting for review."),
    )


@login_required
@require_POST
def return_(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _transition(
        request,
        code,
        year,
        Action.SERVE,
        ReturnForm,
        lambda draft, data: services.lkj_draft_return(
            actor=request.user, draft=draft, note=data["note"], expected_version=data["row_version"]
        ),
        _("Returned to the unit with your note."),
    )


@login_required
@require_POST
def review(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _transition(
        request,
        code,
        year,
        Action.SERVE,
        ReviewForm,
        lambda draft, data: services.lkj_draft_review(
            actor=request.user, draft=draft, note=data["note"], expected_version=data["row_version"]
        ),
        _("Marked reviewed; the unit has been told."),
    )
