"""fanzha backup / fanzha restore round trip on the configured database (SQLite or PostgreSQL)."""

import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from fanzha.accounts.models import User
from fanzha.audit.models import AccessLog
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


def _backup(out: Path) -> Path:
    stdout = io.StringIO()
    call_command("backup", out=str(out), stdout=stdout)
    [archive] = out.glob("fanzha-backup-*.tar.gz")
    assert str(archive) in stdout.getvalue()
    return archive


def _restore(archive: Path, *flags: str) -> str:
    stdout = io.StringIO()
    call_command("restore", str(archive), *flags, stdout=stdout)
    return stdout.getvalue()


@pytest.fixture
def centre(county, users):
    add_cases(county["v1"], "2024-03-05", count=3, victim_phone="13900000000")
    evidence = Path(settings.MEDIA_ROOT) / "evidence" / "2024" / "03" / "会场照片.jpg"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"\xff\xd8photo")
    return evidence


def test_backup_wipe_restore_brings_the_data_and_files_back(centre, tmp_path):
    archive = _backup(tmp_path / "backups")
    key = Path(settings.DATA_DIR) / "secret.key"
    key_text = key.read_text()
    assert re.fullmatch(r"fanzha-backup-\d{8}-\d{4}\.tar\.gz", archive.name)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert set(manifest["members"]) >= {
        "files/media/evidence/2024/03/会场照片.jpg",
        "files/secret.key",
        "database/fanzha.sqlite3" if manifest["engine"] == "sqlite" else "database/fanzha.pgdump",
    }
    assert all(re.fullmatch(r"[0-9a-f]{64}", m["sha256"]) for m in manifest["members"].values())
    assert AccessLog.objects.filter(action="export", detail=f"备份 {archive.name}").count() == 1

    call_command("flush", interactive=False)
    centre.unlink()
    key.unlink()
    assert Case.objects.count() == 0 and User.objects.count() == 0

    assert "恢复文件" in _restore(archive)
    assert Case.objects.filter(victim_phone="13900000000").count() == 3
    assert OrgUnit.objects.count() == 10 and User.objects.filter(username="town_staff").exists()
    town_staff = User.objects.get(username="town_staff")
    assert Case.objects.visible_to(town_staff).count() == 3
    assert centre.read_bytes() == b"\xff\xd8photo"
    assert key.read_text() == key_text


def test_backup_answers_json_for_a_script(centre, tmp_path):
    stdout = io.StringIO()
    call_command("backup", "--out", str(tmp_path), "--format", "json", stdout=stdout)
    outcome = json.loads(stdout.getvalue())
    [archive] = tmp_path.glob("fanzha-backup-*.tar.gz")
    assert (outcome["archive"], outcome["bytes"]) == (str(archive), archive.stat().st_size)
    with tarfile.open(archive) as tar:
        assert outcome["files"] == len(json.load(tar.extractfile("manifest.json"))["members"])


def test_restore_over_a_database_with_data_needs_force(centre, tmp_path):
    archive = _backup(tmp_path)
    Case.objects.all().delete()
    with pytest.raises(
        CommandError, match=r"^当前数据库已有数据（用户或组织机构）。确认要用备份覆盖，请加 --force$"
    ):
        _restore(archive)
    assert Case.objects.count() == 0
    _restore(archive, "--force")
    assert Case.objects.count() == 3


def _repack(archive: Path, target: Path, change) -> Path:
    """A copy of `archive` with one member's bytes changed by `change`, the manifest left as it was."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as tar:
        for info in source:
            data = source.extractfile(info).read()
            if info.name.startswith("database/"):
                data = change(data)
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def test_a_tampered_or_damaged_archive_is_refused_and_nothing_is_touched(centre, tmp_path):
    archive = _backup(tmp_path / "backups")
    call_command("flush", interactive=False)
    tampered = _repack(archive, tmp_path / "tampered.tar.gz", lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(
        CommandError,
        match=r"「database/fanzha\.(sqlite3|pgdump)」的校验和不符，文件已损坏或被改动，拒绝恢复$",
    ):
        _restore(tampered)
    damaged = tmp_path / "damaged.tar.gz"
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    with pytest.raises(CommandError, match="拒绝恢复"):
        _restore(damaged)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:-200])
    with pytest.raises(CommandError, match="已损坏，无法读取"):
        _restore(truncated)
    assert Case.objects.count() == 0 and OrgUnit.objects.count() == 0


def test_restore_of_a_missing_file_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="^找不到备份文件"):
        _restore(tmp_path / "nope.tar.gz")
