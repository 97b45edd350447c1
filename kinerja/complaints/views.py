"""Pages of complaint handling: the public form and status lookup, the officers' register.

The public pages take no login. They are rate-limited per address (django-ratelimit on the shared
database cache, so the limit holds across processes), carry a honeypot, and the status lookup
answers a wrong number and a wrong secret with the very same page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.forms import add_service_errors, flash_errors
from kinerja.core.history import history_entries
from kinerja.organization.models import OrgUnit
from kinerja.workflows.models import ServiceStandard

from . import selectors, services
from .forms import (
    AnswerForm,
    ComplaintForm,
    NoteForm,
    RecordForm,
    RejectForm,
    TrackForm,
    TriageForm,
    VersionForm,
)
from .models import ComplaintKind, ComplaintState


def form_rate(_group: str, _request: HttpRequest) -> str:
    """Submissions per address; read per request so a changed setting applies at once."""
    return str(getattr(settings, "KINERJA_COMPLAINT_RATE", "5/h"))


def track_rate(_group: str, _request: HttpRequest) -> str:
    return str(getattr(settings, "KINERJA_COMPLAINT_TRACK_RATE", "20/h"))


def _limited(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/limited.html", status=429)


def _files(request: HttpRequest) -> list[Any]:
    return request.FILES.getlist("attachments")


def _contact(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": data["kind"],
        "standard": data["standard"],
        "unit": data["unit"],
        "subject": data["subject"],
        "text": data["text"],
        "anonymous": data["anonymous"],
        "contact_name": data["contact_name"],
        "contact_email": data["contact_email"],
        "contact_phone": data["contact_phone"],
    }


def _bureau_or_none() -> Any:
    # A database without the bureau (a fresh installation) still shows the form.
    return OrgUnit.objects.filter(code=services.BUREAU).first()


@never_cache
@ratelimit(group="complaints:new", key="ip", rate=form_rate, method="POST", block=False)
def complaint_new(request: HttpRequest) -> HttpResponse:
    """The public form: anyone, no login; the confirmation shows the secret once."""
    if request.method == "POST" and getattr(request, "limited", False):
        return _limited(request)
    if request.method == "POST" and request.POST.get("website"):
        # A robot filled the hidden field: accept nothing and say little.
        form = ComplaintForm(bureau=_bureau_or_none())
        return render(request, "complaints/new.html", {"form": form, "refused": True}, status=400)
    form = ComplaintForm(request.POST or None, request.FILES or None, bureau=_bureau_or_none())
    if request.method == "POST" and form.is_valid():
        try:
            received = services.complaint_receive(**_contact(form.cleaned_data), attachments=_files(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(
                request,
                "complaints/confirmation.html",
                {"complaint": received.complaint, "secret": services.format_secret(received.secret)},
            )
    return render(request, "complaints/new.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@ratelimit(group="complaints:track", key="ip", rate=track_rate, method="POST", block=False)
def complaint_track(request: HttpRequest) -> HttpResponse:
    """Number and secret → the public status; anything else gets one neutral answer."""
    if request.method == "POST" and getattr(request, "limited", False):
        return _limited(request)
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = services.complaint_lookup(
            number=form.cleaned_data["number"], secret=form.cleaned_data["secret"]
        )
        if found is not None:
            return render(
                request,
                "complaints/status.html",
                {"complaint": found, "steps": selectors.timeline(found)},
            )
        return render(request, "complaints/track.html", {"form": TrackForm(), "not_found": True}, status=404)
    return render(request, "complaints/track.html", {"form": form})


# --- the officers' register ----------------------------------------------------------------------


def _list_table(rows: list[Any], filters: dict[str, Any], now: Any) -> Table:
    chosen = [
        str(ComplaintState(filters["state"]).label) if filters["state"] else "",
        str(ComplaintKind(filters["kind"]).label) if filters["kind"] else "",
        f"{_('Service')}: {filters['service']}" if filters["service"] else "",
        _("Late only") if filters["overdue"] else "",
    ]
    return Table(
        title=_("Complaints, suggestions and feedback"),
        filters=" · ".join(part for part in chosen if part),
        columns=[
            Column(_("Number")),
            Column(_("Kind")),
            Column(_("Subject")),
            Column(_("Service")),
            Column(_("Channel")),
            Column(_("State")),
            Column(_("Handler")),
            Column(_("Received")),
            Column(_("Answer due")),
            Column(_("late")),
        ],
        rows=[
            [
                c.number,
                c.get_kind_display(),
                c.subject,
                c.standard.name if c.standard else _("Other"),
                c.get_channel_display(),
                c.get_state_display(),
                str(c.handler) if c.handler else "",
                c.received_at,
                c.due_at,
                _("yes") if c.overdue_at(now) else "",
            ]
            for c in rows
        ],
        filename="pengaduan",
    )


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    filters = {
        "state": params.get("state", "") if params.get("state", "") in ComplaintState.values else "",
        "kind": params.get("kind", "") if params.get("kind", "") in ComplaintKind.values else "",
        "service": params.get("service", "")[:20],
        "overdue": params.get("overdue") == "1",
    }
    now = timezone.now()
    rows = list(selectors.complaint_list(user=request.user, now=now, **filters)[:500])
    if fmt := requested_format(request):
        return export_response(request, _list_table(rows, filters, now), fmt)
    return render(
        request,
        "complaints/list.html",
        {
            "rows": [(c, c.overdue_at(now)) for c in rows],
            "filters": filters,
            "states": ComplaintState.choices,
            "kinds": ComplaintKind.choices,
            "services": ServiceStandard.objects.all(),
            "may_record": selectors.may_record(request.user),
        },
    )


@login_required
def complaint_record(request: HttpRequest) -> HttpResponse:
    """An officer records a complaint received in person, by e-mail or by telephone."""
    if not selectors.may_record(request.user):
        raise PermissionDenied
    initial = {"received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    form = RecordForm(request.POST or None, request.FILES or None, bureau=_bureau_or_none(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = services.complaint_receive(
                **_contact(data),
                attachments=_files(request),
                channel=data["channel"],
                received_at=data["received_at"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Recorded as %(number)s. Give the complainant the number and the secret %(secret)s.")
                % {"number": received.complaint.number, "secret": services.format_secret(received.secret)},
            )
            return redirect("complaints:detail", number=received.complaint.number)
    return render(request, "complaints/record.html", {"form": form})


ACTIONS = {
    "triage": TriageForm,
    "start": VersionForm,
    "answer": AnswerForm,
    "close": VersionForm,
    "reject": RejectForm,
    "note": NoteForm,
}


def _act(request: HttpRequest, complaint: Any, action: str, form: Any) -> None:
    data = form.cleaned_data
    actor = request.user
    if action == "note":
        services.complaint_note_add(actor=actor, complaint=complaint, text=data["text"])
        return
    common = {"actor": actor, "complaint": complaint, "expected_version": data["row_version"]}
    if action == "triage":
        services.complaint_triage(
            **common, kind=data["kind"], standard=data["standard"], handler=data["handler"]
        )
    elif action == "start":
        services.complaint_start(**common)
    elif action == "answer":
        services.complaint_answer(**common, answer=data["answer"])
    elif action == "close":
        services.complaint_close(**common)
    else:
        services.complaint_reject(**common, reason=data["reason"])


@login_required
def complaint_detail(request: HttpRequest, number: str) -> HttpResponse:
    complaint = selectors.complaint_get(user=request.user, number=number)
    handling = selectors.may_handle(request.user, complaint)
    handlers = selectors.handlers_for(complaint)
    if request.method == "POST":
        if not handling:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("complaints:detail", number=number)
        form_class = ACTIONS[action]
        form = (
            form_class(request.POST, handlers=handlers)
            if form_class is TriageForm
            else form_class(request.POST)
        )
        if form.is_valid():
            try:
                _act(request, complaint, action, form)
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("Saved."))
        else:
            for field, errors in form.errors.items():
                for error in errors:
                    messages.error(
                        request, f"{form.fields[field].label}: {error}" if field in form.fields else error
                    )
        return redirect("complaints:detail", number=number)
    version = {"row_version": complaint.row_version}
    context = {
        "complaint": complaint,
        "overdue": complaint.overdue_at(timezone.now()),
        "steps": selectors.timeline(complaint),
        "notes": selectors.notes_of(complaint),
        "attachments": complaint.attachments.all(),
        "handling": handling,
        "history": history_entries(complaint),
        "triage_form": TriageForm(
            initial={
                **version,
                "kind": complaint.kind,
                "standard": complaint.standard_id,
                "handler": complaint.handler_id or request.user.pk,
            },
            handlers=handlers,
        ),
        "version_form": VersionForm(initial=version),
        "answer_form": AnswerForm(initial=version),
        "reject_form": RejectForm(initial=version),
        "note_form": NoteForm(),
        "open": complaint.is_open,
        "states": ComplaintState,
    }
    return render(request, "complaints/detail.html", context)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Only staff who see the complaint; always a download, with the type the content check found."""
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
