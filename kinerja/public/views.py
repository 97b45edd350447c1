"""The public pages of the service standard: no login, Indonesian by default, English on request.

Only `profile_edit` is for staff: administrators change the published texts there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinerja.core.forms import add_service_errors

from . import selectors, services
from .forms import ProfileForm, ServiceTextForm, VerifyForm

# The pages other apps provide for citizens; a link appears once its app is installed.
ELSEWHERE = {
    "complaint": "complaints:new",
    "track": "complaints:track",
    "survey": "survey:results",
    "transparency": "transparency:index",
}
EXAMPLE = {"example": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"}


def public_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Every public page carries the profile (footer channels) and the links to the other apps."""
    links = {key: selectors.optional_url(name) for key, name in ELSEWHERE.items()}
    base = {
        "profile": selectors.profile_get(),
        "links": links,
        "nav_services": selectors.public_services(),
        "may_manage": services.may_manage(request.user),
    }
    return render(request, template, {**base, **context})


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return public_page(request, "public/index.html", {"hours": selectors.opening_hours()})


@require_GET
def service(request: HttpRequest, code: str) -> HttpResponse:
    return public_page(request, "public/service.html", {"service": selectors.public_service(code=code)})


@require_GET
def pledge(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_get()
    context = {
        "mission": selectors.lines(profile.text("mission")),
        "motto": selectors.motto_words(profile),
        "supervision": selectors.lines(profile.text("supervision")),
    }
    return public_page(request, "public/pledge.html", context)


@require_GET
def hours(request: HttpRequest) -> HttpResponse:
    context = {"hours": selectors.opening_hours(), "closed": selectors.closed_days_ahead()}
    return public_page(request, "public/hours.html", context)


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """A code typed or pasted from a printout leads to the signatures app's public page."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        public_id = selectors.document_code(form.cleaned_data["code"])
        if public_id is None:
            form.add_error("code", _("This is not a document code. A code looks like %(example)s.") % EXAMPLE)
        elif not selectors.document_known(public_id=public_id):
            form.add_error(
                "code", _("No document signed in Kinerja has this code. Check the code on the printout.")
            )
        else:
            return redirect("signatures:public", public_id=public_id)
    return public_page(request, "public/verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    if not services.may_manage(request.user):
        raise PermissionDenied
    profile = services.profile_ensure() if request.method == "POST" else selectors.profile_get()
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.profile_update(actor=request.user, expected_version=data.pop("row_version"), **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The public texts were saved."))
                return redirect("public:profile_edit")
    else:
        form = ProfileForm(instance=profile, initial={"row_version": profile.row_version})
    context = {"form": form, "profile": profile, "services": selectors.public_services()}
    return render(request, "public/profile_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_text_edit(request: HttpRequest, code: str) -> HttpResponse:
    if not services.may_manage(request.user):
        raise PermissionDenied
    standard, text = selectors.service_text_get(code=code)
    if request.method == "POST":
        form = ServiceTextForm(request.POST, instance=text)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.service_text_update(
                    actor=request.user, standard=standard, expected_version=data.pop("row_version"), **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The public texts were saved."))
                return redirect("public:service_text_edit", code=code)
    else:
        form = ServiceTextForm(instance=text, initial={"row_version": text.row_version})
    return render(request, "public/service_text_edit.html", {"form": form, "standard": standard})
