"""Pages of the signatures app: the public page a document's QR code opens, signing, the list of
documents to sign, and the administrator's certificate page."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.accounts.access import is_administrator
from kinerja.core.concurrency import ConcurrentEditError

from . import selectors, services
from .forms import CertificateForm, CheckForm, SignForm
from .models import DocumentStatus, Signer

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def _user(request: HttpRequest) -> User:
    """The logged-in user (the views that call this are behind login_required)."""
    return cast("User", request.user)


def _add_errors(form: Form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form's fields (`rename`: service field -> form field)."""
    if hasattr(exc, "error_dict"):
        for key, errors in exc.message_dict.items():
            name = (rename or {}).get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _may_view(request: HttpRequest, document: Any) -> bool:
    return (
        bool(request.user.is_authenticated)
        and selectors.document_list(user=request.user).filter(pk=document.pk).exists()
    )


@require_http_methods(["GET", "POST"])
def public(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """What anyone holding the printout may know: title, unit, signers, hash; and a copy check."""
    document = selectors.document_public(public_id=public_id)
    result = None
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.document_check(data=form.cleaned_data["file"], document=document)
    else:
        form = CheckForm()
    context = {
        "document": document,
        "signers": selectors.document_signers(document=document),
        "form": form,
        "result": result,
        "may_view": _may_view(request, document),
        "pending": selectors.pending_signer(user=request.user, document=document),
    }
    return render(request, "signatures/public.html", context)


@login_required
def file_download(request: HttpRequest, public_id: uuid.UUID) -> FileResponse:
    document = selectors.document_get(user=request.user, public_id=public_id)
    return FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=f"{slugify(document.title) or 'document'}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    document = selectors.document_get(user=request.user, public_id=public_id)
    signer = Signer.objects.filter(document=document, user=_user(request)).first()
    if signer is None:
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = SignForm(request.POST or None, initial={"row_version": document.row_version})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_sign(
                actor=_user(request),
                document=document,
                password=form.cleaned_data["password"],
                expected_version=form.cleaned_data["row_version"],
            )
        except ConcurrentEditError:
            messages.error(
                request,
                _("Someone signed or changed this document after you opened it. Read it again, then sign."),
            )
            return redirect("signatures:sign", public_id=public_id)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("You signed “%(title)s”.") % {"title": document.title})
            if next_url:
                return redirect(next_url)
            return redirect("signatures:public", public_id=public_id)
    context = {
        "document": document,
        "signer": signer,
        "signers": selectors.document_signers(document=document),
        "may_sign": signer.signed_at is None and document.status == DocumentStatus.OPEN,
        "form": form,
        "next": next_url,
    }
    return render(request, "signatures/sign.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    waiting = selectors.documents_waiting(user=request.user)
    signed = (
        Signer.objects.filter(user=_user(request), signed_at__isnull=False)
        .select_related("document__unit")
        .order_by("-signed_at")[:20]
    )
    return render(request, "signatures/mine.html", {"waiting": waiting, "signed": signed})


def _require_administrator(request: HttpRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def certificates(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_upload(
                actor=_user(request),
                name=form.cleaned_data["name"],
                data=form.cleaned_data["bundle"],
                passphrase=form.cleaned_data["passphrase"],
            )
        except ValidationError as exc:
            _add_errors(form, exc, rename={"data": "bundle"})
        else:
            messages.success(
                request, _("Documents are now signed with “%(name)s”.") % {"name": certificate.name}
            )
            return redirect("signatures:certificates")
    rows = list(selectors.certificate_list())
    context = {
        "form": form,
        "active": next((row for row in rows if row.is_active), None),
        "certificates": rows,
    }
    return render(request, "signatures/certificates.html", context)


@login_required
@require_POST
def certificate_demo(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    certificate = services.certificate_demo_create(actor=_user(request))
    messages.warning(
        request,
        _("Documents are now signed with the self-signed certificate “%(name)s”: for demonstrations only.")
        % {"name": certificate.name},
    )
    return redirect("signatures:certificates")
