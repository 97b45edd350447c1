import hashlib
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.accounts.models import RoleAssignment, User
from kinerja.core.backup import BackupError, backup_create, backup_restore
from kinerja.organization.models import OrgUnit


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder per test: a backup walks every stored file and a restore removes the files
    it does not hold, so neither may touch the folder the other workers' tests write to."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot():
    return (
        sorted(OrgUnit.objects.values_list("code", "path", "address", "row_version")),
        sorted(User.objects.values_list("username", "password", "full_name")),
        sorted(RoleAssignment.objects.values_list("user__username", "role", "unit__code")),
        OrgUnit.history.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_the_same_data_and_files(actors, tmp_path):
    default_storage.save("evidence/2025/laporan.pdf", ContentFile(b"%PDF-1.4 demo evidence"))
    before = snapshot()
    path = tmp_path / "kinerja.zip"
    manifest = backup_create(path=path)
    assert manifest["files"] == {
        "evidence/2025/laporan.pdf": hashlib.sha256(b"%PDF-1.4 demo evidence").hexdigest()
    }

    # Lose everything, as a new machine would have nothing.
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete("evidence/2025/laporan.pdf")
    default_storage.save("stray.txt", ContentFile(b"not in the backup"))

    backup_restore(path=path)
    assert snapshot() == before
    with default_storage.open("evidence/2025/laporan.pdf") as restored:
        assert restored.read() == b"%PDF-1.4 demo evidence"
    assert not default_storage.exists("stray.txt")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_without_force(org, tmp_path):
    path = tmp_path / "b.zip"
    backup_create(path=path)
    with pytest.raises(BackupError, match="--force"):
        backup_restore(path=path)
    backup_restore(path=path, force=True)
    assert OrgUnit.objects.filter(code="PSDKP-TARAKAN").exists()


@pytest.mark.django_db(transaction=True)
def test_a_tampered_backup_is_refused_and_nothing_changes(org, tmp_path):
    path = tmp_path / "b.zip"
    backup_create(path=path)
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "data.json":
                data = data.replace(b"Tarakan", b"Tarakon")
            dst.writestr(item, data)
    before = snapshot()
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=tampered, force=True)
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_commands_print_json_and_exit_2_on_bad_input(org, tmp_path, capsys):
    path = tmp_path / "cmd.zip"
    call_command("backup", output=path)
    out = json.loads(capsys.readouterr().out)
    assert out["backup"] == str(path)
    not_a_zip = tmp_path / "x.zip"
    not_a_zip.write_text("hello")
    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(not_a_zip), force=True)
    assert excinfo.value.returncode == 2
