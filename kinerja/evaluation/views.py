"""Pages of the SAKIP evaluation: the list, and one evaluation's worksheet where the unit answers
each criterion and the Inspectorate scores it. A criterion saves alone (htmx swaps its row and the
totals; a plain post redirects back), naming the version it was loaded at."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.accounts.access import Action, can, restrict
from kinerja.core.forms import add_service_errors, posted_action
from kinerja.organization import selectors as org_selectors
from kinerja.organization.models import OrgUnit

from . import selectors, services
from .forms import AnswerForm, IssueForm, OpenForm, ReturnForm, ScoreForm, VersionForm
from .models import Answer, AnswerOption, Evaluation, EvaluationState
from .results import Tree, evaluation_tree, grade_label


def _proposals(evaluation: Evaluation) -> dict[str, Any]:
    """What the system can prove from its own data (proposals.py), or nothing while it is absent."""
    try:
        from .proposals import propose
    except ImportError:
        return {}
    found: dict[str, Any] = propose(evaluation=evaluation)
    return found


def _rights(user: Any, evaluation: Evaluation) -> dict[str, bool]:
    evaluator = can(user, Action.EVALUATE, evaluation.unit)
    staff = can(user, Action.CHANGE, evaluation.unit)
    return {
        "can_change": staff,
        "can_answer": staff and evaluation.state in services.WITH_THE_UNIT,
        "can_evaluate": evaluator,
        "can_score": evaluator and evaluation.state == EvaluationState.SUBMITTED,
        # The unit sees the Inspectorate's scores once the report is signed.
        "show_score": evaluator or evaluation.state == EvaluationState.SIGNED,
    }


def _options(evaluation: Evaluation) -> dict[int, list[AnswerOption]]:
    by_scale: dict[int, list[AnswerOption]] = {}
    for option in AnswerOption.objects.filter(scale__worksheet_id=evaluation.worksheet_id):
        by_scale.setdefault(option.scale_id, []).append(option)
    return by_scale


def _row(
    answer: Answer,
    *,
    options: dict[int, list[AnswerOption]],
    proposals: dict[str, Any],
    form: AnswerForm | None = None,
    score_form: ScoreForm | None = None,
) -> dict[str, Any]:
    version = {"row_version": answer.row_version}
    return {
        "answer": answer,
        "options": options.get(answer.criterion.scale_id, []),
        "proposal": proposals.get(answer.criterion.code),
        "form": form
        or AnswerForm(
            initial={
                **version,
                "option_code": answer.self_option.code if answer.self_option else "",
                "note": answer.self_note,
                "evidence_link": answer.evidence_link,
            }
        ),
        "score_form": score_form
        or ScoreForm(
            initial={
                **version,
                "option_code": answer.score_option.code if answer.score_option else "",
                "note": answer.score_note,
            }
        ),
    }


def _totals(tree: Tree, evaluation: Evaluation) -> dict[str, Any]:
    return {
        "self_result": tree.self_result,
        "score_result": tree.score_result,
        "grade_label": grade_label(evaluation, evaluation.grade) if evaluation.grade else "",
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rows = selectors.evaluation_list(user=request.user).order_by("-year", "unit__path")
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() else None
    if year is not None:
        rows = rows.filter(year=year)
    state = request.GET.get("state", "")
    if state in EvaluationState.values:
        rows = rows.filter(state=state)
    units = restrict(OrgUnit.objects.filter(is_active=True), request.user, Action.CHANGE) | restrict(
        OrgUnit.objects.filter(is_active=True), request.user, Action.EVALUATE
    )
    signed = selectors.evaluation_list(user=request.user).filter(state=EvaluationState.SIGNED)
    latest_year = max(signed.values_list("year", flat=True), default=timezone.localdate().year - 1)
    context = {
        "evaluations": rows,
        "year": year,
        "latest_year": year or latest_year,
        "state": state,
        "states": EvaluationState.choices,
        "years": sorted(
            set(selectors.evaluation_list(user=request.user).values_list("year", flat=True)), reverse=True
        ),
        "open_units": units.distinct().order_by("path"),
        "open_form": OpenForm(),
    }
    return render(request, "evaluation/index.html", context)


@login_required
@require_POST
def open_(request: HttpRequest) -> HttpResponse:
    form = OpenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("evaluation:index")
    unit = org_selectors.unit_get(user=request.user, code=form.cleaned_data["unit"])
    try:
        evaluation = services.evaluation_open(actor=request.user, unit=unit, year=form.cleaned_data["year"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("evaluation:index")
    messages.success(request, _("The evaluation is open; answer each criterion."))
    return redirect("evaluation:detail", pk=evaluation.pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    rights = _rights(request.user, evaluation)
    tree = evaluation_tree(evaluation)
    options = _options(evaluation)
    proposals = _proposals(evaluation) if evaluation.state != EvaluationState.SIGNED else {}
    for component in tree.components:
        for sub in component.subs:
            sub.rows = [_row(a, options=options, proposals=proposals) for a in sub.answers]  # type: ignore[attr-defined]
    version = {"row_version": evaluation.row_version}
    context = {
        "evaluation": evaluation,
        "tree": tree,
        **_totals(tree, evaluation),
        **rights,
        "may_submit": rights["can_answer"],
        "return_form": ReturnForm(initial=version),
        "issue_form": IssueForm(initial=version),
        "may_issue": rights["can_evaluate"] and services.issuable(evaluation),
    }
    return render(request, "evaluation/evaluation.html", context)


def _answer(request: HttpRequest, pk: int) -> Answer:
    answer = get_object_or_404(
        restrict(
            Answer.objects.select_related("evaluation__unit", "criterion__scale"), request.user, Action.VIEW
        ),
        pk=pk,
    )
    return answer


def _row_response(
    request: HttpRequest,
    answer: Answer,
    *,
    saved: bool,
    form: AnswerForm | None = None,
    score_form: ScoreForm | None = None,
) -> HttpResponse:
    evaluation = Evaluation.objects.select_related("unit", "worksheet").get(pk=answer.evaluation_id)
    answer = Answer.objects.select_related(
        "criterion__scale", "criterion__subcomponent", "self_option", "score_option", "scored_by"
    ).get(pk=answer.pk)
    tree = evaluation_tree(evaluation)
    component, sub = next(
        (c, s) for c in tree.components for s in c.subs if s.sub.pk == answer.criterion.subcomponent_id
    )
    context = {
        "evaluation": evaluation,
        **_rights(request.user, evaluation),
        **_totals(tree, evaluation),
        "row": _row(
            answer,
            options=_options(evaluation),
            proposals=_proposals(evaluation),
            form=None if saved else form,
            score_form=None if saved else score_form,
        ),
        "component": component,
        "sub": sub,
        "saved": saved,
        "oob": True,
    }
    return render(request, "evaluation/_answer_row.html", context)


def _back(answer: Answer) -> HttpResponse:
    return redirect(
        reverse("evaluation:detail", kwargs={"pk": answer.evaluation_id}) + f"#answer-{answer.pk}"
    )


def _flash(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer(request, pk)
    if not can(request.user, Action.CHANGE, answer.evaluation.unit):
        raise PermissionDenied
    form = AnswerForm(request.POST, request.FILES)
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_save(
                actor=request.user,
                answer=answer,
                option_code=data["proposal"] or data["option_code"],
                note=data["note"],
                evidence_link=data["evidence_link"],
                evidence_file=data["evidence_file"] or None,
                expected_version=data["row_version"],
            )
            saved = True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _row_done(request, answer, saved, form=form)


def _row_done(request: HttpRequest, answer: Answer, saved: bool, **forms: Any) -> HttpResponse:
    """htmx swaps the row (and the totals); without htmx the page comes back with a message."""
    if not request.htmx:
        if saved:
            messages.success(request, _("Saved."))
        else:
            _flash(request, next(iter(forms.values())))
        return _back(answer)
    return _row_response(request, answer, saved=saved, **forms)


@login_required
@require_POST
def score_save(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer(request, pk)
    if not can(request.user, Action.EVALUATE, answer.evaluation.unit):
        raise PermissionDenied
    form = ScoreForm(request.POST)
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.score_save(
                actor=request.user,
                answer=answer,
                option_code=data["option_code"],
                note=data["note"],
                expected_version=data["row_version"],
            )
            saved = True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _row_done(request, answer, saved, score_form=form)


def _transition(
    request: HttpRequest, pk: int, action: Action, form_class: Any, apply: Any, done: str
) -> HttpResponse:
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    if not can(request.user, action, evaluation.unit):
        raise PermissionDenied
    posted_action(request, form_class, lambda data: apply(evaluation, data), done)
    return redirect("evaluation:detail", pk=evaluation.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        Action.CHANGE,
        VersionForm,
        lambda evaluation, data: services.evaluation_submit(
            actor=request.user, evaluation=evaluation, expected_version=data["row_version"]
        ),
        _("Submitted to the Inspectorate."),
    )


@login_required
@require_POST
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        Action.EVALUATE,
        ReturnForm,
        lambda evaluation, data: services.evaluation_return(
            actor=request.user, evaluation=evaluation, note=data["note"], expected_version=data["row_version"]
        ),
        _("Returned to the unit."),
    )


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    if not can(request.user, Action.EVALUATE, evaluation.unit):
        raise PermissionDenied
    form = IssueForm(request.POST)
    if not form.is_valid():
        _flash(request, form)
        return redirect("evaluation:detail", pk=pk)
    data = form.cleaned_data
    try:
        evaluation = services.evaluation_issue(
            actor=request.user,
            evaluation=evaluation,
            letter_number=data["letter_number"],
            summary=data["summary"],
            signers=form.signers(),
            expected_version=data["row_version"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("evaluation:detail", pk=pk)
    messages.success(request, _("The report is issued and waits for its signatures."))
    if evaluation.document is not None and evaluation.document.signers.filter(user=request.user).exists():
        return redirect(
            reverse("signatures:sign", kwargs={"public_id": evaluation.document.public_id})
            + "?next="
            + reverse("evaluation:detail", kwargs={"pk": pk})
        )
    return redirect("evaluation:detail", pk=pk)


urlpatterns = [
    path("", index, name="index"),
    path("open/", open_, name="open"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/submit/", submit, name="submit"),
    path("<int:pk>/return/", return_, name="return"),
    path("<int:pk>/issue/", issue, name="issue"),
    path("answers/<int:pk>/", answer_save, name="answer"),
    path("answers/<int:pk>/score/", score_save, name="score"),
]
