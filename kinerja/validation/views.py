"""Pages of the validation service: the matrix, the session, the validators, the worksheet, the
Nota Dinas. The request page itself (clock, requirements, actions) is the workflows app's; it shows
this app's panel, which links here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can
from kinerja.core.exports import Column, Table, export_response, figure, requested_format
from kinerja.core.forms import add_service_errors, flash_errors
from kinerja.planning.periods import QUARTERS
from kinerja.planning.targets import parse_target
from kinerja.workflows.models import RequestStatus, ServiceRequest
from kinerja.workflows.services import requirements_of

from . import selectors, services
from .excel import XLSX_CONTENT_TYPE, matrix_template
from .forms import AssignForm, CallForm, ImportForm, ProposalForm, VerdictForm, WorksheetForm
from .models import ValidatorSide


def _matrix_url(request: ServiceRequest) -> str:
    return reverse("validation:matrix", kwargs={"number": request.number})


def _require_matrix_role(user: Any, request: ServiceRequest) -> None:
    if not services.writes_matrix(user, request):
        raise PermissionDenied


def _require_serve(user: Any, request: ServiceRequest) -> None:
    if not can(user, Action.SERVE, request.unit):
        raise PermissionDenied


def _base(http: HttpRequest, request: ServiceRequest, tab: str) -> dict[str, Any]:
    return {
        "val_request": request,
        "tab": tab,
        "may_serve": can(http.user, Action.SERVE, request.unit),
        "detail_url": reverse("workflows:detail", kwargs={"number": request.number}),
    }


# --- the matrix ----------------------------------------------------------------------------------


def _matrix_page(
    http: HttpRequest,
    request: ServiceRequest,
    *,
    new_form: ProposalForm | None = None,
    import_form: ImportForm | None = None,
    import_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_base(http, request, "matrix"),
        "proposals": list(selectors.proposal_list(user=http.user, request=request)),
        "may_edit": services.may_edit_matrix(http.user, request),
        "new_form": new_form or ProposalForm(),
        "import_form": import_form or ImportForm(),
        "import_errors": import_errors or [],
        "requirements": requirements_of(request),
    }
    return render(http, "validation/matrix.html", context, status=status)


def _matrix_table(request: ServiceRequest, proposals: list[Any]) -> Table:
    return Table(
        title=f"{_('Indicator proposal matrix')} · {request.number}",
        filters=f"{request.unit.name} · {request.year}",
        columns=[
            Column(_("No.")),
            Column(_("Objective (sasaran)")),
            Column(_("Kind")),
            Column(_("Proposed indicator")),
            Column(_("Definition")),
            Column(_("Formula")),
            Column(_("Polarity")),
            Column(_("Target")),
            Column(_("Unit of measure")),
            *(Column(q) for q in QUARTERS),
            Column(_("Verdict")),
        ],
        rows=[
            [
                p.sort_order,
                p.sasaran,
                p.kind,
                p.name,
                p.definition,
                p.formula,
                p.get_polarity_display(),
                figure(parse_target(p.target)),
                p.measure_unit,
                *(figure(parse_target(p.quarter_targets.get(q))) for q in QUARTERS),
                p.get_verdict_display(),
            ]
            for p in proposals
        ],
        filename=f"matriks-usulan-{request.number}",
    )


@login_required
def matrix(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    if fmt := requested_format(http):
        proposals = list(selectors.proposal_list(user=http.user, request=request))
        return export_response(http, _matrix_table(request, proposals), fmt)
    return _matrix_page(http, request)


@login_required
@require_POST
def proposal_create(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    _require_matrix_role(http.user, request)
    form = ProposalForm(http.POST)
    if form.is_valid():
        try:
            services.proposal_save(actor=http.user, request=request, **form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(http, _("The proposal was added to the matrix."))
            return redirect(_matrix_url(request))
    return _matrix_page(http, request, new_form=form)


@login_required
def proposal_edit(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    proposal = selectors.proposal_get(user=http.user, request=request, pk=pk)
    _require_matrix_role(http.user, request)
    if http.method == "POST":
        form = ProposalForm(http.POST, prefix=f"p{proposal.pk}")
        if form.is_valid():
            try:
                services.proposal_save(
                    actor=http.user,
                    request=request,
                    proposal=proposal,
                    expected_version=form.cleaned_data["row_version"] or 0,
                    **form.values(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(http, _("Proposal no. %(row)s was saved.") % {"row": proposal.sort_order})
                return redirect(_matrix_url(request))
    else:
        form = ProposalForm.for_proposal(proposal)
    context = {
        **_base(http, request, "matrix"),
        "proposal": proposal,
        "form": form,
        "may_edit": services.may_edit_matrix(http.user, request),
    }
    return render(http, "validation/proposal_form.html", context)


@login_required
@require_POST
def proposal_delete(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    proposal = selectors.proposal_get(user=http.user, request=request, pk=pk)
    _require_matrix_role(http.user, request)
    try:
        services.proposal_delete(actor=http.user, proposal=proposal)
    except ValidationError as exc:
        flash_errors(http, exc)
    else:
        messages.success(http, _("The proposal was removed from the matrix."))
    return redirect(_matrix_url(request))


@login_required
def matrix_download(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    response = HttpResponse(matrix_template(request), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="matriks-usulan-{request.number}.xlsx"'
    return response


@login_required
@require_POST
def matrix_import(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    _require_matrix_role(http.user, request)
    form = ImportForm(http.POST, http.FILES)
    if not form.is_valid():
        return _matrix_page(http, request, import_form=form, status=400)
    try:
        created = services.proposals_import(actor=http.user, request=request, file=form.cleaned_data["file"])
    except ValidationError as exc:
        return _matrix_page(http, request, import_form=form, import_errors=exc.messages, status=400)
    messages.success(
        http, _("The matrix now holds the %(count)s rows of the file.") % {"count": len(created)}
    )
    return redirect(_matrix_url(request))


# --- the validation session ----------------------------------------------------------------------


def _session_page(
    http: HttpRequest, request: ServiceRequest, bound: VerdictForm | None = None, bound_pk: int | None = None
) -> HttpResponse:
    judging = request.status == RequestStatus.IN_SERVICE and services.may_judge(http.user, request)
    rows = []
    for proposal in selectors.proposal_list(user=http.user, request=request):
        form = None
        if judging:
            form = (
                bound if bound is not None and bound_pk == proposal.pk else VerdictForm.for_proposal(proposal)
            )
        rows.append((proposal, form))
    context = {
        **_base(http, request, "session"),
        "rows": rows,
        "judging": judging,
        "validators": list(selectors.validator_list(user=http.user, request=request)),
    }
    return render(http, "validation/session.html", context)


@login_required
def session(http: HttpRequest, number: str) -> HttpResponse:
    return _session_page(http, selectors.request_get(user=http.user, number=number))


@login_required
@require_POST
def proposal_verdict(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    proposal = selectors.proposal_get(user=http.user, request=request, pk=pk)
    if not services.may_judge(http.user, request):
        raise PermissionDenied
    form = VerdictForm(http.POST, prefix=f"v{proposal.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_verdict(
                actor=http.user,
                proposal=proposal,
                verdict=data["verdict"],
                expected_version=data["row_version"],
                agreed_name=data["agreed_name"],
                agreed_definition=data["agreed_definition"],
                agreed_formula=data["agreed_formula"],
                agreed_measure_unit=data["agreed_measure_unit"],
                agreed_target=data["agreed_target"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                http, _("The verdict on no. %(row)s was recorded.") % {"row": proposal.sort_order}
            )
            return redirect(reverse("validation:session", kwargs={"number": number}) + f"#p{proposal.pk}")
    return _session_page(http, request, bound=form, bound_pk=proposal.pk)


# --- validators ----------------------------------------------------------------------------------


def _validators_url(request: ServiceRequest) -> str:
    return reverse("validation:validators", kwargs={"number": request.number})


@login_required
def validators(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    people = list(selectors.validator_list(user=http.user, request=request))
    context = {
        **_base(http, request, "validators"),
        "biro": [v for v in people if v.side == ValidatorSide.BIRO],
        "itjen": [v for v in people if v.side == ValidatorSide.ITJEN],
        "calls": list(request.validator_calls.select_related("asked_by")),
        "open": request.status in services.VALIDATOR_STATUSES,
        "assign_form": AssignForm(),
        "call_form": CallForm(),
    }
    return render(http, "validation/validators.html", context)


@login_required
@require_POST
def validator_assign(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    _require_serve(http.user, request)
    form = AssignForm(http.POST)
    if form.is_valid():
        try:
            validator = services.validator_assign(
                actor=http.user,
                request=request,
                user=form.cleaned_data["user"],
                side=form.cleaned_data["side"],
            )
        except ValidationError as exc:
            flash_errors(http, exc)
        else:
            messages.success(http, _("%(name)s is now a validator.") % {"name": validator.user})
    else:
        messages.error(http, _("Choose a side and a person."))
    return redirect(_validators_url(request))


@login_required
@require_POST
def validator_remove(http: HttpRequest, number: str, pk: int) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    validator = selectors.validator_list(user=http.user, request=request).filter(pk=pk).first()
    if validator is None:
        raise Http404(str(pk))
    _require_serve(http.user, request)
    try:
        services.validator_remove(actor=http.user, validator=validator)
    except ValidationError as exc:
        flash_errors(http, exc)
    else:
        messages.success(http, _("%(name)s is no longer a validator.") % {"name": validator.user})
    return redirect(_validators_url(request))


@login_required
@require_POST
def validators_call(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    _require_serve(http.user, request)
    form = CallForm(http.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.validators_request(actor=http.user, request=request, note=note)
    except ValidationError as exc:
        flash_errors(http, exc)
    else:
        messages.success(http, _("The Inspectorate General was asked for validators."))
    return redirect(_validators_url(request))


# --- the worksheet and the Nota Dinas ------------------------------------------------------------


@login_required
def worksheet(http: HttpRequest, number: str) -> HttpResponse:
    request = selectors.request_get(user=http.user, number=number)
    _require_serve(http.user, request)
    people = services.representatives(request)
    if http.method == "POST":
        form = WorksheetForm(http.POST, people=people)
        if form.is_valid():
            try:
                services.validation_worksheet_issue(
                    actor=http.user,
                    request=request,
                    representative=form.cleaned_data["representative"],
                    expected_version=form.cleaned_data["row_version"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(http, _("The validation worksheet is out for signature."))
                return redirect("workflows:detail", number=request.number)
    else:
        form = WorksheetForm(initial={"row_version": request.row_version}, people=people)
    context = {
        **_base(http, request, "worksheet"),
        "form": form,
        "problems": services.worksheet_problems(request),
        "in_service": request.status == RequestStatus.IN_SERVICE,
        "validators": list(selectors.validator_list(user=http.user, request=request)),
    }
    return render(http, "validation/worksheet.html", context)


@login_required
def nota_dinas_download(http: HttpRequest, number: str) -> FileResponse:
    request = selectors.request_get(user=http.user, number=number)
    nota = selectors.nota_dinas_get(user=http.user, request=request)
    filename = "Nota-Dinas-" + nota.number.replace("/", "-") + ".pdf"
    return FileResponse(
        default_storage.open(nota.file.name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
