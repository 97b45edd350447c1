"""Pages of the indicator catalogue: list, sheet (and its PDF), create/edit, formula editor, cascade tree."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, ancestor_ids, can
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.history import history_entries
from kinerja.formula import FormulaError, IndicatorDefinition, InputError
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .editor import ComputationEditor, Located, blank_computation, editor_choices
from .forms import CreateForm, DefineForm, FilterForm, PicForm, SasaranForm, SheetForm
from .models import Indicator
from .trypanel import TryPanel

# --- helpers -------------------------------------------------------------------------------------


def _require_define(user: Any, indicator: Indicator) -> None:
    if not can(user, Action.DEFINE, indicator.unit):
        raise PermissionDenied


def _add_errors(form: Form, exc: ValidationError) -> list[str]:
    """Put a service's errors on the form's fields; returns the computation's messages, if any."""
    computation: list[str] = []
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return computation
    for key, errors in exc.message_dict.items():
        if key == "computation":
            computation.extend(errors)
        elif key in form.fields:
            form.add_error(key, errors)
        else:
            form.add_error(None, errors)
    return computation


def _parent_choices(user: Any, unit: OrgUnit | None) -> QuerySet[Indicator]:
    qs = selectors.indicator_list(user=user, include_inactive=True).select_related("unit")
    return qs.filter(unit_id__in=ancestor_ids(unit)) if unit is not None else qs.none()


def _check(
    editor: ComputationEditor, *, unit: OrgUnit | None, code: str, name: str, exclude_pk: int | None
) -> tuple[list[Located], IndicatorDefinition | None]:
    """Every problem of the editor's computation, located in the editor, and the definition."""
    if editor.unreadable:
        return editor.locate([], services.problem_text), None
    # A new indicator may not have its code and name yet; the engine needs some to check the rest.
    code, name = code.strip() or "BARU", name.strip() or code.strip() or "Indikator baru"
    definition = services.engine_definition(code=code, name=name, computation=editor.computation)
    problems = services.definition_problems(
        unit=unit, code=code, name=name, computation=editor.computation, exclude_pk=exclude_pk
    )
    return editor.locate(problems, services.problem_text), definition


def _editor_context(
    editor: ComputationEditor,
    located: list[Located],
    definition: IndicatorDefinition | None,
    request: HttpRequest,
) -> dict[str, Any]:
    return {
        "editor": editor,
        "choices": editor_choices(),
        "located": located,
        "errors": [p for p in located if p.is_error],
        "dependencies": definition.program.dependencies
        if definition is not None and definition.program
        else None,
        "try_panel": TryPanel(definition, request.POST if request.method == "POST" else None)
        if definition is not None
        else None,
    }


# --- list ----------------------------------------------------------------------------------------


def _catalogue_table(rows: list[Indicator], form: FilterForm) -> Table:
    from .templatetags.catalog_ui import label_of

    chosen = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value:
            # Choices may be grouped (objectives per unit): flatten them to find the label.
            flat: dict[Any, Any] = {}
            for key, label in getattr(field, "choices", ()):
                flat.update(label if isinstance(label, list | tuple) else [(key, label)])
            chosen.append(f"{field.label}: {flat.get(value, value)}")
    return Table(
        title=_("Indicator catalogue"),
        filters=" · ".join(str(part) for part in chosen),
        columns=[
            Column(_("Unit")),
            Column(_("Objective")),
            Column(_("Code")),
            Column(_("Kind")),
            Column(_("Indicator")),
            Column(_("Unit of measure")),
            Column(_("Period")),
            Column(_("Polarity")),
            Column(_("Formula version")),
        ],
        rows=[
            [
                i.unit.short_name,
                f"{i.sasaran.code} {i.sasaran.name}",
                i.code,
                i.kind,
                i.name,
                i.computation.get("unit") or "",
                str(label_of(i.computation.get("periodicity"), "periodicity_short")),
                str(label_of(i.computation.get("polarity"), "polarity_short")),
                i.current_version.number if i.current_version else None,
            ]
            for i in rows
        ],
        filename="katalog-indikator",
    )


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    readable = selectors.indicator_list(user=request.user)
    units: dict[str, str] = {}
    for code, short_name in readable.values_list("unit__code", "unit__short_name"):
        units.setdefault(code, short_name)
    form = FilterForm(
        request.GET,
        units=list(units.items()),
        sasaran=list(
            selectors.sasaran_list(user=request.user, unit_code=request.GET.get("unit", ""))
            .filter(unit__code__in=units)
            .order_by("unit__path", "sort_order", "code")
        ),
    )
    form.is_valid()
    values = form.cleaned_data
    # The unit is passed as asked: the selector only ever returns what the user may read.
    indicators = selectors.indicator_list(
        user=request.user,
        query=values.get("q") or "",
        unit_code=request.GET.get("unit", "")[:32],
        kind=values.get("kind") or "",
        periodicity=values.get("periodicity") or "",
        sasaran_id=values.get("sasaran"),
    ).select_related("unit", "sasaran", "current_version")
    sort = values.get("sort") or ""
    if sort:
        rows = list(indicators.order_by(sort, "unit__path"))
    else:
        rows = sorted(indicators, key=lambda i: (i.unit.path, i.sasaran.sort_order, i.sasaran.code, i.code))
    if fmt := requested_format(request):
        return export_response(request, _catalogue_table(rows, form), fmt)
    context = {
        "form": form,
        "indicators": rows,
        "grouped": not sort,
        "filtered": any(values.values()),
        "can_create": selectors.definable_units(user=request.user).exists(),
    }
    template = "catalog/indicator_list.html#results" if request.htmx else "catalog/indicator_list.html"
    return render(request, template, context)


# --- the sheet -----------------------------------------------------------------------------------


def _sheet_context(request: HttpRequest, indicator: Indicator) -> dict[str, Any]:
    user = request.user
    readable = selectors.indicator_list(user=user, include_inactive=True)
    parent = (
        readable.filter(pk=indicator.parent_indicator_id).first() if indicator.parent_indicator_id else None
    )
    definition = None
    if indicator.current_version_id is not None:
        definition = services.compiled_definition(indicator)
    return {
        "indicator": indicator,
        "computation": indicator.computation,
        "version": indicator.current_version,
        "versions": indicator.versions.select_related("created_by").order_by("-number"),
        "evidence": indicator.evidence_requirements.all(),
        "pics": indicator.pic_assignments.select_related("user").order_by("-start_date"),
        "parent": parent,
        "children": selectors.cascade_children(user=user, indicator=indicator).select_related("unit"),
        "dependencies": definition.program.dependencies
        if definition is not None and definition.program
        else None,
        "can_define": can(user, Action.DEFINE, indicator.unit),
        "pic_form": PicForm(unit=indicator.unit) if can(user, Action.ASSIGN_PIC, indicator.unit) else None,
    }


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    context = _sheet_context(request, indicator)
    if indicator.current_version_id is not None:
        context["try_panel"] = TryPanel(services.compiled_definition(indicator))
    context["history"] = history_entries(indicator, limit=20)
    return render(request, "catalog/indicator_detail.html", context)


@login_required
def indicator_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    indicator = selectors.indicator_get(user=request.user, pk=pk)
    html = render_to_string(
        "catalog/indicator_print.html", _sheet_context(request, indicator), request=request
    )
    stylesheet = finders.find("catalog/sheet-print.css")
    # Self-contained: no protocol is allowed, so nothing a sheet's text names is fetched.
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
        stylesheets=[CSS(filename=stylesheet)] if stylesheet else None
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{indicator.unit.code}-{indicator.code}.pdf".replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- create and edit -----------------------------------------------------------------------------


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    units = selectors.definable_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    sasaran = selectors.sasaran_list(user=request.user).filter(unit__in=units).order_by("sort_order", "code")
    unit_pk = request.POST.get("unit") or request.GET.get("unit") or ""
    chosen = units.filter(pk=unit_pk).first() if unit_pk.isdigit() else None
    if chosen is not None:
        sasaran = sasaran.filter(unit=chosen)
    kwargs = {"unit_qs": units, "sasaran_qs": sasaran, "parent_qs": _parent_choices(request.user, chosen)}
    if request.method == "GET" and request.htmx and "unit" in request.GET:
        form = CreateForm(initial={"unit": chosen}, **kwargs)
        return render(request, "catalog/_unit_dependent.html", {"form": form})
    if request.method == "POST":
        form = CreateForm(request.POST, **kwargs)
        editor = ComputationEditor(request.POST)
        code, name = request.POST.get("code", ""), request.POST.get("name", "")
        located, definition = _check(editor, unit=chosen, code=code, name=name, exclude_pk=None)
        if form.is_valid() and not editor.problems:
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    indicator = services.indicator_create(
                        actor=request.user,
                        unit=data["unit"],
                        code=data["code"],
                        computation=editor.computation,
                        reason=data.get("reason") or "",
                        **form.sheet(),
                    )
                    items = form.evidence_items(indicator)
                    if items is not None:
                        services.evidence_requirements_set(indicator=indicator, items=items)
            except ValidationError as exc:
                rest = _add_errors(form, exc)
                if rest and not any(p.is_error for p in located):
                    form.add_error(None, rest)
            else:
                messages.success(request, _("Indicator %(code)s created.") % {"code": indicator.code})
                return redirect("catalog:indicator_detail", pk=indicator.pk)
    else:
        source = request.GET.get("from", "")
        computation = blank_computation()
        if source.isdigit():
            computation = (
                selectors.indicator_get(user=request.user, pk=int(source)).computation or computation
            )
        form = CreateForm(initial={"unit": chosen, "is_active": True}, **kwargs)
        editor = ComputationEditor.for_computation(computation)
        located, definition = _check(editor, unit=chosen, code="", name="", exclude_pk=None)
    context = {"form": form, "creating": True, **_editor_context(editor, located, definition, request)}
    return render(request, "catalog/indicator_form.html", context)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    _require_define(request.user, indicator)
    kwargs = {
        "sasaran_qs": selectors.sasaran_list(user=request.user, unit_code=indicator.unit.code),
        "parent_qs": _parent_choices(request.user, indicator.unit),
    }
    if request.method == "POST":
        form = SheetForm(request.POST, instance=indicator, **kwargs)
        if form.is_valid():
            fresh = selectors.indicator_get(user=request.user, pk=pk)
            try:
                with transaction.atomic():
                    services.indicator_update(
                        actor=request.user,
                        indicator=fresh,
                        expected_version=form.cleaned_data["row_version"],
                        **form.sheet(),
                    )
                    items = form.evidence_items(fresh)
                    if items is not None:
                        services.evidence_requirements_set(indicator=fresh, items=items)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Indicator sheet saved."))
                return redirect("catalog:indicator_detail", pk=pk)
    else:
        form = SheetForm(instance=indicator, initial={"row_version": indicator.row_version}, **kwargs)
    indicator.refresh_from_db(fields=["code", "name"])
    return render(request, "catalog/indicator_form.html", {"form": form, "indicator": indicator})


# --- the formula editor --------------------------------------------------------------------------


@login_required
def formula_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    _require_define(request.user, indicator)
    if request.method == "POST":
        editor = ComputationEditor(request.POST)
        meta = DefineForm(request.POST)
        located, definition = _check(
            editor, unit=indicator.unit, code=indicator.code, name=indicator.name, exclude_pk=indicator.pk
        )
        if meta.is_valid() and not editor.problems:
            previous = indicator.current_version
            try:
                version = services.indicator_define(
                    actor=request.user,
                    indicator=indicator,
                    expected_version=meta.cleaned_data["row_version"],
                    computation=editor.computation,
                    reason=meta.cleaned_data["reason"],
                )
            except ValidationError as exc:
                rest = _add_errors(meta, exc)
                if rest and not any(p.is_error for p in located):
                    meta.add_error(None, rest)
            else:
                if previous is not None and version.pk == previous.pk:
                    messages.info(
                        request,
                        _("Nothing changed; the formula stays at version %(number)s.")
                        % {"number": version.number},
                    )
                else:
                    messages.success(
                        request, _("Formula saved as version %(number)s.") % {"number": version.number}
                    )
                return redirect("catalog:indicator_detail", pk=pk)
        indicator = selectors.indicator_get(user=request.user, pk=pk)
    else:
        editor = ComputationEditor.for_computation(indicator.computation or blank_computation())
        meta = DefineForm(initial={"row_version": indicator.row_version})
        located, definition = _check(
            editor, unit=indicator.unit, code=indicator.code, name=indicator.name, exclude_pk=indicator.pk
        )
    context = {"indicator": indicator, "meta": meta, **_editor_context(editor, located, definition, request)}
    return render(request, "catalog/formula_edit.html", context)


def _draft_target(request: HttpRequest) -> tuple[Indicator | None, OrgUnit | None]:
    """The indicator (or, for a new one, the unit) a draft is checked against; DEFINE is required."""
    user = request.user
    pk = request.POST.get("indicator", "")
    if pk.isdigit():
        indicator = selectors.indicator_get(user=user, pk=int(pk))
        _require_define(user, indicator)
        return indicator, indicator.unit
    units = selectors.definable_units(user=user)
    if not units.exists():
        raise PermissionDenied
    unit_pk = request.POST.get("unit", "")
    return None, units.filter(pk=unit_pk).first() if unit_pk.isdigit() else None


def _draft(request: HttpRequest) -> tuple[ComputationEditor, list[Located], IndicatorDefinition | None]:
    indicator, unit = _draft_target(request)
    editor = ComputationEditor(request.POST)
    code = indicator.code if indicator else request.POST.get("code", "")
    name = indicator.name if indicator else request.POST.get("name", "")
    located, definition = _check(
        editor, unit=unit, code=code, name=name, exclude_pk=indicator.pk if indicator else None
    )
    return editor, located, definition


@login_required
@require_POST
def formula_check(request: HttpRequest) -> HttpResponse:
    """Live check of a draft computation: its problems and what it reads (HTMX partial)."""
    editor, located, definition = _draft(request)
    context = _editor_context(editor, located, definition, request)
    panel = context["try_panel"]
    context["refresh_try"] = panel is not None and request.POST.get("t-signature") != panel.signature
    return render(request, "catalog/formula_check.html", context)


@login_required
@require_POST
def formula_try(request: HttpRequest) -> HttpResponse:
    """Coba hitung: compute one period from the panel's fields, with the draft or the saved formula."""
    if request.POST.get("draft"):
        _editor, located, definition = _draft(request)
        if definition is None:
            return render(request, "catalog/try_result.html", {"problems": [p.text for p in located]})
    else:
        pk = request.POST.get("indicator", "")
        if not pk.isdigit():
            raise Http404("indicator")
        indicator = selectors.indicator_get(user=request.user, pk=int(pk))
        if indicator.current_version_id is None:
            raise Http404("formula")
        definition = services.compiled_definition(indicator)
    panel = TryPanel(definition, request.POST)
    context: dict[str, Any] = {"panel": panel, "unit": definition.unit}
    try:
        results = definition.compute(panel.payload())
    except InputError as exc:
        context["input_problems"] = [(panel.field_label(p), services.problem_text(p)) for p in exc.problems]
    except FormulaError as exc:
        context["problems"] = [services.problem_text(p) for p in exc.problems if p.is_error]
    else:
        result = results.get(panel.period)
        context["result"] = result
        context["others"] = [r for period, r in results.items() if period != panel.period]
        if result is not None and result.error is not None:
            context["problems"] = [services.problem_text(result.error)]
    return render(request, "catalog/try_result.html", context)


# --- the cascade tree ----------------------------------------------------------------------------


@login_required
def cascade(request: HttpRequest) -> HttpResponse:
    readable = list(selectors.indicator_list(user=request.user).select_related("unit", "current_version"))
    by_pk = {i.pk: i for i in readable}
    children: dict[int | None, list[Indicator]] = {}
    for indicator in readable:
        parent = indicator.parent_indicator_id if indicator.parent_indicator_id in by_pk else None
        children.setdefault(parent, []).append(indicator)

    def node(indicator: Indicator, seen: frozenset[int]) -> dict[str, Any]:
        below = [c for c in children.get(indicator.pk, []) if c.pk not in seen]
        return {"indicator": indicator, "children": [node(c, seen | {c.pk}) for c in below]}

    root_pk = request.GET.get("root", "")
    focus = None
    trail: list[Indicator] = []
    if root_pk.isdigit():
        focus = selectors.indicator_get(user=request.user, pk=int(root_pk))
        roots = [focus] if focus.pk in by_pk else []
        step = by_pk.get(focus.parent_indicator_id or 0)
        while step is not None and step not in trail:
            trail.insert(0, step)
            step = by_pk.get(step.parent_indicator_id or 0)
    else:
        roots = [i for i in children.get(None, []) if children.get(i.pk)]
    tree = [node(root, frozenset({root.pk})) for root in roots]
    alone = [] if focus else [i for i in children.get(None, []) if not children.get(i.pk)]
    return render(
        request,
        "catalog/cascade.html",
        {"tree": tree, "focus": focus, "trail": trail, "alone": alone},
    )


@login_required
@require_POST
def pic_assign(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    if not can(request.user, Action.ASSIGN_PIC, indicator.unit):
        raise PermissionDenied
    form = PicForm(request.POST, unit=indicator.unit)
    if form.is_valid():
        try:
            services.pic_assign(indicator=indicator, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Person in charge saved."))
    else:
        messages.error(
            request,
            " ".join(f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()),
        )
    return redirect("catalog:indicator_detail", pk=pk)


@login_required
def sasaran_create(request: HttpRequest) -> HttpResponse:
    units = selectors.definable_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    parents = selectors.sasaran_list(user=request.user).select_related("unit")
    form = SasaranForm(request.POST or None, units=units, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sasaran = services.sasaran_create(
                unit=data["unit"],
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                parent=data["parent"],
                note=data["note"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Objective %(code)s created.") % {"code": sasaran.code})
            return redirect(f"{reverse('catalog:indicator_list')}?unit={sasaran.unit.code}")
    return render(request, "catalog/sasaran_form.html", {"form": form})
