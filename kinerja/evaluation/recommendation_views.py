"""Pages of the recommendations: the list, one recommendation with its follow-ups, and the posts
of the evaluation page's recommendations section. Thin: every rule is in recommendations.py."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kinerja.accounts.access import Action, can
from kinerja.accounts.models import User
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors, posted_action
from kinerja.core.history import history_entries
from kinerja.performance.uploads import ACCEPT, KINDS

from . import recommendations as services
from .models import EvaluationState, Recommendation, RecommendationStatus
from .selectors import evaluation_get

# --- forms ---------------------------------------------------------------------------------------


class RecommendationForm(forms.Form):
    component_code = forms.CharField(label=gettext_lazy("Component"), max_length=10)
    text = forms.CharField(label=gettext_lazy("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(label=gettext_lazy("Due date"), required=False)


class VersionForm(forms.Form):
    row_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class RecommendationEditForm(RecommendationForm, VersionForm):
    pass


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class AssignForm(VersionForm):
    owner = PersonField(
        label=gettext_lazy("Person responsible"), queryset=User.objects.filter(is_active=True)
    )
    due_date = forms.DateField(label=gettext_lazy("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class AcceptForm(VersionForm):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(VersionForm):
    note = forms.CharField(
        label=gettext_lazy("What is still missing"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(
        label=gettext_lazy("Document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    # "send", not "submit": a control named submit would hide the form's submit() in the browser.
    send = forms.BooleanField(required=False)


# --- the list ------------------------------------------------------------------------------------

STATUSES = RecommendationStatus.choices


def _filtered(request: HttpRequest) -> tuple[Any, dict[str, Any]]:
    rows = services.recommendation_list(user=request.user).order_by(
        "evaluation__unit__path", "-evaluation__year", "component__order", "pk"
    )
    units = list(
        rows.order_by("evaluation__unit__name")
        .values_list("evaluation__unit__code", "evaluation__unit__name")
        .distinct()
    )
    chosen = {
        "unit": request.GET.get("unit", ""),
        "status": request.GET.get("status", ""),
        "overdue": request.GET.get("overdue", "") == "1",
    }
    if chosen["unit"]:
        rows = rows.filter(evaluation__unit__code=chosen["unit"])
    if chosen["status"] in RecommendationStatus.values:
        rows = rows.filter(status=chosen["status"])
    if chosen["overdue"]:
        rows = services.overdue(rows)
    return rows, {**chosen, "units": units}


def _table(rows: list[Recommendation], chosen: dict[str, Any]) -> Table:
    today = timezone.localdate()
    filters = " · ".join(
        part
        for part in (
            chosen["unit"],
            dict(STATUSES).get(chosen["status"], ""),
            _("overdue") if chosen["overdue"] else "",
        )
        if part
    )
    return Table(
        title=_("Recommendations of the SAKIP evaluation"),
        filters=str(filters),
        columns=[
            Column(_("Unit")),
            Column(_("Year evaluated")),
            Column(_("Component")),
            Column(_("Recommendation")),
            Column(_("Person responsible")),
            Column(_("Due date")),
            Column(_("Status")),
            Column(_("Overdue")),
            Column(_("Completed at")),
        ],
        rows=[
            [
                r.evaluation.unit.name,
                r.evaluation.year,
                f"{r.component.code}. {r.component.name}",
                r.text,
                (r.owner.get_full_name() or r.owner.get_username()) if r.owner else "",
                r.due_date,
                str(r.get_status_display()),
                _("yes") if services.is_overdue(r, today) else "",
                r.completed_at,
            ]
            for r in rows
        ],
        filename="rekomendasi-evaluasi-akip",
    )


@login_required
@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    rows, chosen = _filtered(request)
    rows = list(rows[:500])
    if fmt := requested_format(request):
        return export_response(request, _table(rows, chosen), fmt)
    today = timezone.localdate()
    return render(
        request,
        "evaluation/recommendations.html",
        {
            "rows": [(r, services.is_overdue(r, today)) for r in rows],
            "statuses": STATUSES,
            **chosen,
        },
    )


# --- one recommendation --------------------------------------------------------------------------


def _detail(
    request: HttpRequest, row: Recommendation, follow_up_form: FollowUpForm | None = None
) -> HttpResponse:
    user = request.user
    unit = row.evaluation.unit
    issued = row.evaluation.state == EvaluationState.SIGNED
    not_done = row.status != RecommendationStatus.DONE
    evaluator = can(user, Action.EVALUATE, unit)
    version = {"row_version": row.row_version}
    may_follow_up = issued and not_done and can(user, Action.CHANGE, unit)
    may_assign = not_done and services.may_assign(user, row) and (issued or evaluator)
    may_review = evaluator and row.status == RecommendationStatus.FOLLOWED_UP
    follow_ups = list(row.follow_ups.select_related("created_by"))
    assign_form = None
    if may_assign:
        assign_form = AssignForm(initial={**version, "owner": row.owner_id, "due_date": row.due_date})
        people = services.unit_people(unit)
        assign_form.fields["owner"].queryset = User.objects.filter(pk__in=[p.pk for p in people])  # type: ignore[attr-defined]
    return render(
        request,
        "evaluation/recommendation_detail.html",
        {
            "rec": row,
            "evaluation": row.evaluation,
            "overdue": services.is_overdue(row),
            "follow_ups": follow_ups,
            "follow_up_form": (follow_up_form or FollowUpForm()) if may_follow_up else None,
            "assign_form": assign_form,
            "accept_form": AcceptForm(initial=version) if may_review else None,
            "reopen_form": ReopenForm(initial=version) if may_review else None,
            "history": history_entries(row),
        },
    )


@login_required
@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, services.recommendation_get(user=request.user, pk=pk))


@login_required
@require_POST
def recommendation_followup(request: HttpRequest, pk: int) -> HttpResponse:
    row = services.recommendation_get(user=request.user, pk=pk)
    if not can(request.user, Action.CHANGE, row.evaluation.unit):
        raise PermissionDenied
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_add(
                actor=request.user,
                recommendation=row,
                note=data["note"],
                file=data["file"],
                submit=data["send"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Follow-up submitted to the evaluator.") if data["send"] else _("Follow-up saved.")
            )
            return redirect("evaluation:recommendation_detail", pk=row.pk)
    return _detail(request, services.recommendation_get(user=request.user, pk=pk), form)


@login_required
@require_GET
def recommendation_followup_file(request: HttpRequest, pk: int) -> FileResponse:
    """Follow-up documents are streamed after the access check; they have no public address."""
    follow_up = services.followup_get(user=request.user, pk=pk)
    if not follow_up.file:
        raise Http404
    extension = PurePath(follow_up.file_name).suffix.lower()
    content_type = next(
        (kind.content_type for kind in KINDS.values() if extension in kind.extensions),
        "application/octet-stream",
    )
    response = FileResponse(
        follow_up.file.open("rb"), as_attachment=True, filename=follow_up.file_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def recommendation_assign(request: HttpRequest, pk: int) -> HttpResponse:
    row = services.recommendation_get(user=request.user, pk=pk)
    if not services.may_assign(request.user, row):
        raise PermissionDenied
    posted_action(
        request,
        AssignForm,
        lambda data: services.recommendation_assign(
            actor=request.user,
            recommendation=row,
            owner=data["owner"],
            due_date=data["due_date"],
            expected_version=data["row_version"],
        ),
        _("Person responsible and due date saved."),
    )
    return redirect("evaluation:recommendation_detail", pk=row.pk)


def _review(
    request: HttpRequest, pk: int, form_class: type[VersionForm], apply: Any, done: str
) -> HttpResponse:
    row = services.recommendation_get(user=request.user, pk=pk)
    if not can(request.user, Action.EVALUATE, row.evaluation.unit):
        raise PermissionDenied
    posted_action(
        request,
        form_class,
        lambda data: apply(
            actor=request.user, recommendation=row, note=data["note"], expected_version=data["row_version"]
        ),
        done,
    )
    return redirect("evaluation:recommendation_detail", pk=row.pk)


@login_required
@require_POST
def recommendation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(
        request, pk, AcceptForm, services.recommendation_accept, _("Follow-up accepted: completed.")
    )


@login_required
@require_POST
def recommendation_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, ReopenForm, services.recommendation_reopen, _("Recommendation reopened."))


# --- the evaluation page's section: written while scoring ----------------------------------------


@login_required
@require_POST
def recommendation_add(request: HttpRequest, evaluation_pk: int) -> HttpResponse:
    evaluation = evaluation_get(user=request.user, pk=evaluation_pk)
    if not can(request.user, Action.EVALUATE, evaluation.unit):
        raise PermissionDenied
    posted_action(
        request,
        RecommendationForm,
        lambda data: services.recommendation_add(actor=request.user, evaluation=evaluation, **data),
        _("Recommendation added."),
    )
    return redirect("evaluation:detail", pk=evaluation.pk)


def _evaluator_row(request: HttpRequest, pk: int) -> Recommendation:
    row = services.recommendation_get(user=request.user, pk=pk)
    if not can(request.user, Action.EVALUATE, row.evaluation.unit):
        raise PermissionDenied
    return row


@login_required
@require_POST
def recommendation_update(request: HttpRequest, pk: int) -> HttpResponse:
    row = _evaluator_row(request, pk)
    posted_action(
        request,
        RecommendationEditForm,
        lambda data: services.recommendation_update(
            actor=request.user,
            recommendation=row,
            component_code=data["component_code"],
            text=data["text"],
            owner=row.owner,
            due_date=data["due_date"],
            expected_version=data["row_version"],
        ),
        _("Recommendation saved."),
    )
    return redirect("evaluation:detail", pk=row.evaluation_id)


@login_required
@require_POST
def recommendation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = _evaluator_row(request, pk)
    posted_action(
        request,
        VersionForm,
        lambda data: services.recommendation_delete(
            actor=request.user, recommendation=row, expected_version=data["row_version"]
        ),
        _("Recommendation deleted."),
    )
    return redirect("evaluation:detail", pk=row.evaluation_id)


urlpatterns = [
    path("recommendations/", recommendation_list, name="recommendations"),
    path("recommendations/<int:pk>/", recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/follow-up/", recommendation_followup, name="recommendation_followup"),
    path(
        "recommendations/follow-ups/<int:pk>/file/",
        recommendation_followup_file,
        name="recommendation_followup_file",
    ),
    path("recommendations/<int:pk>/assign/", recommendation_assign, name="recommendation_assign"),
    path("recommendations/<int:pk>/accept/", recommendation_accept, name="recommendation_accept"),
    path("recommendations/<int:pk>/reopen/", recommendation_reopen, name="recommendation_reopen"),
    path("recommendations/<int:pk>/edit/", recommendation_update, name="recommendation_update"),
    path("recommendations/<int:pk>/delete/", recommendation_delete, name="recommendation_delete"),
    path("recommendations/for/<int:evaluation_pk>/", recommendation_add, name="recommendation_add"),
]
