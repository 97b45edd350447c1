"""Writes of the transparency portal: a unit's final documents, and the download counters.

A unit's head or operator (Action.CHANGE on the unit) uploads the final LKj, publishes it, and may
withdraw it with a reason; nothing is deleted, so the history shows what was public and when.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.core.concurrency import update_versioned
from kinerja.organization.models import OrgUnit
from kinerja.performance.uploads import check_upload, row_save_with_file

from .models import DocumentKind, DownloadCount, Publication, PublicationKind, PublicationStatus


def _require_unit_staff(actor: Any, unit: OrgUnit) -> None:
    if not can(actor, Action.CHANGE, unit):
        raise PermissionDenied


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


@transaction.atomic
def publication_upload(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    title: str,
    upload: UploadedFile | None,
    kind: str = PublicationKind.LKJ,
) -> Publication:
    """Add the final document, not yet public; only a PDF is accepted, checked by its content."""
    _require_unit_staff(actor, unit)
    if kind not in PublicationKind.values:
        raise ValidationError({"kind": _("Unknown kind of publication.")})
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Give the year the report covers.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    checked = check_upload(upload)
    if checked.kind != "pdf":
        raise ValidationError({"file": _("A published document must be a PDF.")})
    row = Publication(
        unit=unit,
        kind=kind,
        year=year,
        title=title.strip(),
        original_name=PurePath(upload.name or "").name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    row._history_user = actor  # type: ignore[attr-defined]
    row_save_with_file(row, upload, extension=".pdf")
    return row


@transaction.atomic
def publication_publish(*, actor: Any, publication: Publication, expected_version: int) -> Publication:
    """Make the document public; one published document per unit, kind and year."""
    publication = _locked(publication)
    _require_unit_staff(actor, publication.unit)
    if publication.status != PublicationStatus.DRAFT:
        raise ValidationError({"status": _("Only a document not yet published can be published.")})
    other = (
        Publication.objects.filter(
            unit=publication.unit,
            kind=publication.kind,
            year=publication.year,
            status=PublicationStatus.PUBLISHED,
        )
        .exclude(pk=publication.pk)
        .exists()
    )
    if other:
        raise ValidationError(
            {"status": _("Another document is published for this year; withdraw it first, with a reason.")}
        )
    publication._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        publication,
        expected_version=expected_version,
        fields={"status": PublicationStatus.PUBLISHED, "published_at": timezone.now(), "published_by": actor},
    )


@transaction.atomic
def publication_withdraw(
    *, actor: Any, publication: Publication, reason: str, expected_version: int
) -> Publication:
    """Take a published document off the portal; the reason is kept and the file stays in history."""
    publication = _locked(publication)
    _require_unit_staff(actor, publication.unit)
    if publication.status != PublicationStatus.PUBLISHED:
        raise ValidationError({"status": _("Only a published document can be withdrawn.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    publication._history_user = actor  # type: ignore[attr-defined]
    return update_versioned(
        publication,
        expected_version=expected_version,
        fields={
            "status": PublicationStatus.WITHDRAWN,
            "withdrawn_at": timezone.now(),
            "withdrawn_by": actor,
            "withdraw_reason": reason.strip(),
        },
    )


@transaction.atomic
def download_record(*, document: DocumentKind, unit: OrgUnit, year: int, object_id: int = 0) -> None:
    """Count one download with `count = count + 1` in the database, so parallel processes never lose one."""
    counter, _created = DownloadCount.objects.get_or_create(
        document=document, unit=unit, year=year, object_id=object_id
    )
    DownloadCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
