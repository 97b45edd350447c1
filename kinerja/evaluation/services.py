"""Writes of the SAKIP evaluation: the unit's self-assessment, the Inspectorate's scoring, and the
report that is signed and then published.

States: self-assessment → submitted → (returned → submitted …) → signing → signed. The unit
answers while the evaluation is with it (self-assessment, returned); evaluators (Action.EVALUATE)
score and return while it is submitted, and issue the report once every criterion is scored.
Every write locks the evaluation row first, so an answer cannot change while it is submitted or
being issued, and names the `row_version` its editor loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history

from kinerja.accounts.access import Action, can
from kinerja.core.concurrency import ConcurrentEditError, update_versioned
from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import check_upload, row_save_with_file

from . import documents, selectors
from .models import Answer, AnswerOption, Criterion, Evaluation, EvaluationState
from .results import evaluation_result
from .signing import REPORT_KIND

WITH_THE_UNIT = (EvaluationState.SELF_ASSESSMENT, EvaluationState.RETURNED)
MAX_TEXT = 5000


def _locked(evaluation: Evaluation) -> Evaluation:
    locked: Evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("unit", "worksheet", "document")
        .get(pk=evaluation.pk)
    )
    return locked


def _require_unit_staff(actor: Any, evaluation: Evaluation) -> None:
    if not can(actor, Action.CHANGE, evaluation.unit):
        raise PermissionDenied


def _require_evaluator(actor: Any, evaluation: Evaluation) -> None:
    if not can(actor, Action.EVALUATE, evaluation.unit):
        raise PermissionDenied


def _require_version(evaluation: Evaluation, expected_version: int) -> None:
    if evaluation.row_version != expected_version:
        raise ConcurrentEditError()


def _option(criterion: Criterion, code: str) -> AnswerOption | None:
    """The option of the criterion's scale with this code; blank clears the answer."""
    code = (code or "").strip()
    if not code:
        return None
    option = AnswerOption.objects.filter(scale_id=criterion.scale_id, code=code).first()
    if option is None:
        allowed = ", ".join(
            AnswerOption.objects.filter(scale_id=criterion.scale_id).values_list("code", flat=True)
        )
        raise ValidationError(
            {
                "option": _(
                    "%(code)s is not an answer of criterion %(criterion)s; choose one of %(allowed)s."
                )
                % {"code": code, "criterion": criterion.code, "allowed": allowed}
            }
        )
    return option


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("At most %(count)s characters.") % {"count": MAX_TEXT}})
    return value


def _answer_in(evaluation: Evaluation, answer: Answer, expected_version: int) -> Answer:
    # Every write of an answer holds its evaluation's lock, so this check cannot go stale.
    current = Answer.objects.select_related("criterion").get(pk=answer.pk)
    if current.evaluation_id != evaluation.pk:
        raise ValidationError({"answer": _("This answer belongs to another evaluation.")})
    if current.row_version != expected_version:
        raise ConcurrentEditError()
    return current


def _missing(evaluation: Evaluation, field: str) -> list[str]:
    return list(
        evaluation.answers.filter(**{f"{field}__isnull": True})
        .order_by(
            "criterion__subcomponent__component__order", "criterion__subcomponent__order", "criterion__order"
        )
        .values_list("criterion__code", flat=True)
    )


def _missing_message(codes: list[str]) -> str:
    shown = ", ".join(codes[:20]) + (" …" if len(codes) > 20 else "")
    return _("%(count)s criteria have no answer yet: %(codes)s.") % {"count": len(codes), "codes": shown}


# --- opening ------------------------------------------------------------------------------------


@transaction.atomic
def evaluation_open(*, actor: Any, unit: OrgUnit, year: int) -> Evaluation:
    """Start a unit-year's evaluation on the worksheet in force, with an empty answer per criterion."""
    if not (can(actor, Action.CHANGE, unit) or can(actor, Action.EVALUATE, unit)):
        raise PermissionDenied
    this_year = timezone.localdate().year
    if year > this_year:
        raise ValidationError(
            {"year": _("A year after %(year)s cannot be evaluated yet.") % {"year": this_year}}
        )
    worksheet = selectors.worksheet_for(year=year)
    duplicate = ValidationError(
        {"year": _("%(unit)s already has an evaluation of %(year)s.") % {"unit": unit.name, "year": year}}
    )
    if Evaluation.objects.filter(unit=unit, year=year).exists():
        raise duplicate
    evaluation = Evaluation(unit=unit, year=year, worksheet=worksheet)
    evaluation._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise duplicate from None  # another request opened it first
    criteria = Criterion.objects.filter(subcomponent__component__worksheet=worksheet)
    bulk_create_with_history(
        [Answer(evaluation=evaluation, criterion=criterion) for criterion in criteria],
        Answer,
        default_user=actor,
    )
    return evaluation


# --- the unit's self-assessment -----------------------------------------------------------------


@transaction.atomic
def answer_save(
    *,
    actor: Any,
    answer: Answer,
    option_code: str,
    note: str,
    evidence_link: str,
    evidence_file: UploadedFile | None = None,
    expected_version: int,
) -> Answer:
    """The unit's answer to one criterion, its explanation and evidence (a link and/or a file)."""
    evaluation = _locked(answer.evaluation)
    _require_unit_staff(actor, evaluation)
    if evaluation.state not in WITH_THE_UNIT:
        raise ValidationError(
            {
                "__all__": _(
                    "The unit changes its answers only during the self-assessment or after the "
                    "Inspectorate returned the evaluation."
                )
            }
        )
    answer = _answer_in(evaluation, answer, expected_version)
    fields: dict[str, Any] = {
        "self_option": _option(answer.criterion, option_code),
        "self_note": _text(note, "note"),
        "evidence_link": (evidence_link or "").strip(),
    }
    answer._history_user = actor  # type: ignore[attr-defined]
    if evidence_file is None:
        return update_versioned(answer, expected_version=expected_version, fields=fields)
    check_upload(evidence_file)
    fields["evidence_name"] = PurePath(evidence_file.name or "").name[:255]

    def save() -> Answer:
        return update_versioned(
            answer,
            expected_version=expected_version,
            fields={**fields, "evidence_file": answer.evidence_file.name},
        )

    saved = row_save_with_file(
        answer,
        evidence_file,
        extension=PurePath(evidence_file.name or "").suffix.lower(),
        field="evidence_file",
        save=save,
    )
    assert saved is not None
    return saved


@transaction.atomic
def evaluation_submit(*, actor: Any, evaluation: Evaluation, expected_version: int) -> Evaluation:
    """The unit sends its self-assessment to the Inspectorate; every criterion must be answered."""
    evaluation = _locked(evaluation)
    _require_unit_staff(actor, evaluation)
    if evaluation.state not in WITH_THE_UNIT:
        raise ValidationError({"__all__": _("This evaluation is not with the unit; it cannot be submitted.")})
    _require_version(evaluation, expected_version)
    missing = _missing(evaluation, "self_option")
    if missing:
        raise ValidationError({"answers": _missing_message(missing)})
    evaluation._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        evaluation,
        expected_version=expected_version,
        fields={"state": EvaluationState.SUBMITTED, "submitted_by": actor, "submitted_at": timezone.now()},
    )


# --- the Inspectorate ---------------------------------------------------------------------------


@transaction.atomic
def evaluation_return(*, actor: Any, evaluation: Evaluation, note: str, expected_version: int) -> Evaluation:
    """An evaluator sends a submitted evaluation back to the unit, saying what to complete."""
    evaluation = _locked(evaluation)
    _require_evaluator(actor, evaluation)
    if evaluation.state != EvaluationState.SUBMITTED:
        raise ValidationError({"__all__": _("Only a submitted evaluation can be returned.")})
    note = _text(note, "note")
    if not note:
        raise ValidationError({"note": _("Say what the unit should complete or correct.")})
    _require_version(evaluation, expected_version)
    evaluation._history_user = actor  # type: ignore[attr-defined]
    evaluation = update_versioned(
        evaluation,
        expected_version=expected_version,
        fields={"state": EvaluationState.RETURNED, "return_note": note},
    )
    notify_unit(
        evaluation,
        key="returned",
        title=_lazy("The SAKIP evaluation %(year)s of %(unit)s was returned"),
        body=_lazy("Returned by the Inspectorate. Complete or correct the answers and submit again. Note:"),
        extra=note,
        level="warning",
    )
    return evaluation


@transaction.atomic
def score_save(*, actor: Any, answer: Answer, option_code: str, note: str, expected_version: int) -> Answer:
    """An evaluator's score of one criterion, with a note; while the evaluation is submitted."""
    evaluation = _locked(answer.evaluation)
    _require_evaluator(actor, evaluation)
    if evaluation.state != EvaluationState.SUBMITTED:
        raise ValidationError({"__all__": _("Criteria are scored while the evaluation is submitted.")})
    answer = _answer_in(evaluation, answer, expected_version)
    option = _option(answer.criterion, option_code)
    answer._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        answer,
        expected_version=expected_version,
        fields={
            "score_option": option,
            "score_note": _text(note, "note"),
            "scored_by": actor if option is not None else None,
        },
    )


def issuable(evaluation: Evaluation) -> bool:
    # A report withdrawn before everyone signed may be issued again.
    if evaluation.state == EvaluationState.SUBMITTED:
        return True
    from kinerja.signatures.models import DocumentStatus

    return (
        evaluation.state == EvaluationState.SIGNING
        and evaluation.document is not None
        and evaluation.document.status == DocumentStatus.VOID
    )


def _signers(evaluation: Evaluation, signers: Sequence[Any]) -> list[tuple[Any, str]]:
    """(user, capacity) pairs; a bare user signs as an evaluator. Each must be an active evaluator."""
    pairs = [
        item if isinstance(item, tuple) else (item, _("Evaluator, Inspektorat Jenderal")) for item in signers
    ]
    if not pairs:
        raise ValidationError({"signers": _("Choose at least one evaluator to sign the report.")})
    for user, _capacity in pairs:
        if user is None or not user.is_active or not can(user, Action.EVALUATE, evaluation.unit):
            raise ValidationError(
                {
                    "signers": _("%(name)s cannot sign the report: only active inspectors can.")
                    % {"name": user.get_full_name() or user.username if user is not None else "?"}
                }
            )
    return pairs


@transaction.atomic
def evaluation_issue(
    *,
    actor: Any,
    evaluation: Evaluation,
    letter_number: str,
    summary: str,
    signers: Sequence[Any],
    expected_version: int,
) -> Evaluation:
    """Compute the evaluator's result, render the report (Laporan Hasil Evaluasi) and send it for
    signature. `signers` are evaluators (users) or (user, capacity) pairs, e.g. an approving
    official last; each must be an active inspector or administrator."""
    evaluation = _locked(evaluation)
    _require_evaluator(actor, evaluation)
    if not issuable(evaluation):
        raise ValidationError(
            {"__all__": _("The report is issued once the evaluation is submitted and scored.")}
        )
    _require_version(evaluation, expected_version)
    letter_number = (letter_number or "").strip()
    if not letter_number:
        raise ValidationError({"letter_number": _("Give the report's letter number.")})
    if Evaluation.objects.filter(letter_number=letter_number).exclude(pk=evaluation.pk).exists():
        raise ValidationError(
            {
                "letter_number": _("Letter number %(number)s is already used by another report.")
                % {"number": letter_number}
            }
        )
    summary = _text(summary, "summary")
    missing = _missing(evaluation, "score_option")
    if missing:
        raise ValidationError(
            {"answers": _("Score every criterion first.") + " " + _missing_message(missing)}
        )
    pairs = _signers(evaluation, signers)
    result = evaluation_result(evaluation, "score")
    fields: dict[str, Any] = {
        "letter_number": letter_number,
        "summary": summary,
        "total": result.total,
        "grade": result.grade,
    }
    for name, value in fields.items():
        setattr(evaluation, name, value)
    from kinerja.signatures.services import document_create

    with translation.override(settings.LANGUAGE_CODE):
        context = documents.report_context(evaluation=evaluation, signers=pairs)
        document = document_create(
            actor=actor,
            kind=REPORT_KIND,
            title=_("SAKIP evaluation report %(year)s: %(unit)s")
            % {"year": evaluation.year, "unit": evaluation.unit.name},
            unit=evaluation.unit,
            render=lambda verification: documents.report_pdf({**context, **verification}),
            signers=pairs,
        )
    evaluation._history_user = actor  # type: ignore[attr-defined]
    try:
        return update_versioned(
            evaluation,
            expected_version=expected_version,
            fields={**fields, "document": document, "state": EvaluationState.SIGNING},
        )
    except BaseException:
        # The rendered file was written before the refusal; it must not outlive the rolled-back row.
        document.file.storage.delete(document.file.name)
        raise


# --- notifications ------------------------------------------------------------------------------


def notify_unit(
    evaluation: Evaluation, *, key: str, title: Any, body: Any, extra: str = "", level: str = "info"
) -> None:
    """Tell the unit's operators and heads (and whoever submitted) inside the caller's transaction;
    `title` and `body` are lazy texts with %(unit)s and %(year)s, read in the site language."""
    from kinerja.notifications.recipients import unit_staff
    from kinerja.notifications.services import notification_send

    people = list(unit_staff([evaluation.unit_id], timezone.localdate()).get(evaluation.unit_id, []))
    if evaluation.submitted_by is not None:
        people.append(evaluation.submitted_by)
    values = {"unit": evaluation.unit.name, "year": evaluation.year}
    with translation.override(settings.LANGUAGE_CODE):
        notification_send(
            users=people,
            event_key=f"evaluation-{key}:{evaluation.pk}:v{evaluation.row_version}",
            title=str(title) % values,
            body=(str(body) % values + (f"\n{extra}" if extra else "")),
            url=reverse("evaluation:detail", kwargs={"pk": evaluation.pk}),
            level=level,
        )
