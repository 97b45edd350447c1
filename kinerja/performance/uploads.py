"""Evidence files checked by what they contain, not by what they are called.

A name is chosen by the uploader; the first bytes (and, for Office files, the zip's
`[Content_Types].xml`) are not. A file is accepted only when its content is one of the allowed
kinds *and* its extension belongs to that kind, so a PDF renamed `.docx` and a program renamed
`.pdf` are both refused.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any, Final, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024
#: The manifest of an Office file is a few kilobytes; a larger one is not worth inflating.
MAX_MANIFEST_BYTES: Final = 1024 * 1024

OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_MAIN: Final = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}

T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]


KINDS: Final[dict[str, Kind]] = {
    "pdf": Kind("application/pdf", (".pdf",)),
    "png": Kind("image/png", (".png",)),
    "jpeg": Kind("image/jpeg", (".jpg", ".jpeg")),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
    # The old binary formats share one container (OLE2); the extension tells Word from Excel.
    "doc": Kind("application/msword", (".doc",)),
    "xls": Kind("application/vnd.ms-excel", (".xls",)),
}
ACCEPT: Final = ",".join(ext for kind in KINDS.values() for ext in kind.extensions)


def max_bytes() -> int:
    """Read per call, so a changed setting applies without a restart of the check's callers."""
    return int(getattr(settings, "KINERJA_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _ooxml_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_MANIFEST_BYTES:
                return None
            manifest = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return None
    for content_type, kind in OOXML_MAIN.items():
        if f'ContentType="{content_type}"' in manifest:
            return kind
    return None


def sniff(stream: IO[bytes], name: str) -> str | None:
    """The kind of file the content shows (a key of KINDS), or None when it is not an allowed one."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    extension = PurePath(name).suffix.lower()
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _ooxml_kind(stream)
        stream.seek(0)
    elif head == OLE2:
        kind = {".doc": "doc", ".xls": "xls"}.get(extension)
    return kind


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Refuse a file that is too large or whose content does not match an allowed kind and its name.

    The hash is computed over the upload's chunks, so a large file is never read into memory.
    """
    limit = max_bytes()
    if not upload.size or upload.size <= 0:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}}
        )
    name = upload.name or ""
    kind = sniff(upload, name)
    extension = PurePath(name).suffix.lower()
    if kind is None or extension not in KINDS[kind].extensions:
        raise ValidationError(
            {
                "file": _(
                    "This file is not accepted: its content is not a PDF, a PNG or JPEG image, or a "
                    "Word, Excel or PowerPoint file matching its name."
                )
            }
        )
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
        if size > limit:
            raise ValidationError(
                {"file": _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}}
            )
    upload.seek(0)
    return CheckedUpload(kind, KINDS[kind].content_type, size, digest.hexdigest())


def row_save_with_file(
    row: Any,
    upload: UploadedFile,
    *,
    extension: str,
    field: str = "file",
    save: Callable[[], T] | None = None,
) -> T | None:
    """Write the checked file under a generated name, then the row; a refused row takes its file
    with it. The stored name is nobody's choice: the uploader's name stays in `original_name`.

    `save` replaces the plain full_clean() + save() (a versioned compare-and-set, for instance);
    its result is returned."""
    stored_file = getattr(row, field)
    stored_file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
    stored = stored_file.name
    try:
        if save is not None:
            return save()
        row.full_clean()
        row.save()
        return None
    except Exception:
        stored_file.storage.delete(stored)
        raise
