"""Backup and restore of the database and the uploaded files, portable between SQLite and PostgreSQL.

The database goes out through Django's serialisers rather than an engine-specific dump, so a
backup taken from the embedded SQLite restores into PostgreSQL on a new machine and back.
Files are read through the storage API, so the same code covers the file system and S3.
"""

import hashlib
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
# Not worth keeping: sessions expire, the task queue is transient, content types and
# permissions are rebuilt by migrate (and referenced by natural key).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "django_tasks_database", "axes.accessattempt"]
CHUNK = 1024 * 1024


class _Discard:
    """A sink for checksumming a member without holding it in memory."""

    def write(self, data: bytes) -> int:
        return len(data)


class BackupError(Exception):
    """A backup that is unreadable, inconsistent, or would overwrite data without --force."""


def _walk(storage: Any, folder: str = "") -> list[str]:
    directories, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for directory in directories:
        names.extend(_walk(storage, f"{folder}/{directory}" if folder else directory))
    return names


def _copy(source: Any, target: Any) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
    return digest.hexdigest()


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup_create(*, path: Path) -> dict[str, Any]:
    """Write one zip: manifest.json, data.json (every model) and media/ (every stored file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    with (
        tempfile.NamedTemporaryFile(suffix=".json") as dump,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
    ):
        # One transaction so the dump is a consistent snapshot even while users keep writing.
        with transaction.atomic():
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                output=dump.name,
                verbosity=0,
            )
        archive.write(dump.name, "data.json")
        data_sha = hashlib.sha256(Path(dump.name).read_bytes()).hexdigest()
        storage_names = _walk(default_storage) if default_storage.exists("") else []
        for name in sorted(storage_names):
            with default_storage.open(name, "rb") as source, archive.open(f"media/{name}", "w") as target:
                files[name] = _copy(source, target)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "migrations": _latest_migrations(),
            "data_sha256": data_sha,
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _has_data() -> bool:
    from kinerja.organization.models import OrgUnit

    return OrgUnit.objects.exists() or apps.get_model("accounts", "User").objects.exists()


def backup_restore(*, path: Path, force: bool = False) -> dict[str, Any]:
    """Replace the database and files with a backup's, all or nothing for the database."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path}: not a Kinerja backup ({exc})") from exc
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise BackupError(f"{path}: manifest.json is missing or unreadable") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: unsupported backup format {manifest.get('format')!r}")
        data = archive.read("data.json")
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise BackupError(f"{path}: data.json does not match its checksum")
        for name, sha in manifest["files"].items():
            with archive.open(f"media/{name}") as member:
                if _copy(member, _Discard()) != sha:
                    raise BackupError(f"{path}: media/{name} does not match its checksum")
        ahead = {
            app: name
            for app, name in manifest["migrations"].items()
            if name > _latest_migrations().get(app, "")
        }
        if ahead:
            raise BackupError(f"{path}: the backup is newer than this installation's schema: {ahead}")
        if _has_data() and not force:
            raise BackupError("The database already holds data; pass --force to replace it.")
        with tempfile.NamedTemporaryFile(suffix=".json") as dump:
            dump.write(data)
            dump.flush()
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", dump.name, verbosity=0)
        for name in _walk(default_storage) if default_storage.exists("") else []:
            if name not in manifest["files"]:
                default_storage.delete(name)
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            with archive.open(f"media/{name}") as member:
                default_storage.save(name, File(member, name=name))
    return {"restored_from": str(path), "created": manifest["created"], "files": len(manifest["files"])}
