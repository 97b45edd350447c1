"""Reads of the signatures app. A document is seen by whoever may view its unit and by its own
signers (they must read what they sign); its public page shows only title, unit, signers and hash."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.accounts.access import Action, restrict

from .models import DocumentStatus, SignedDocument, Signer, SigningCertificate


def document_list(*, user: Any) -> QuerySet[SignedDocument]:
    visible = restrict(SignedDocument.objects.all(), user, Action.VIEW).values("pk")
    condition = Q(pk__in=visible)
    if getattr(user, "is_authenticated", False):
        condition |= Q(signers__user=user)
    return SignedDocument.objects.filter(condition).distinct().select_related("unit", "created_by")


def document_get(*, user: Any, public_id: uuid.UUID) -> SignedDocument:
    document = document_list(user=user).filter(public_id=public_id).first()
    if document is None:
        raise Http404("no such document")
    return document


def document_public(*, public_id: uuid.UUID) -> SignedDocument:
    document = SignedDocument.objects.select_related("unit").filter(public_id=public_id).first()
    if document is None:
        raise Http404("no such document")
    return document


def document_signers(*, document: SignedDocument) -> QuerySet[Signer]:
    return Signer.objects.filter(document=document).select_related("user").order_by("order", "pk")


def pending_signer(*, user: Any, document: SignedDocument) -> Signer | None:
    if not getattr(user, "is_authenticated", False) or document.status != DocumentStatus.OPEN:
        return None
    return Signer.objects.filter(document=document, user=user, signed_at=None).first()


def documents_waiting(*, user: Any) -> QuerySet[SignedDocument]:
    """Open documents the user has still to sign."""
    if not getattr(user, "is_authenticated", False):
        return SignedDocument.objects.none()
    return (
        SignedDocument.objects.filter(
            status=DocumentStatus.OPEN, signers__user=user, signers__signed_at__isnull=True
        )
        .select_related("unit")
        .order_by("created_at", "pk")
    )


def certificate_list() -> QuerySet[SigningCertificate]:
    return SigningCertificate.objects.select_related("uploaded_by").defer("pkcs12", "passphrase")
