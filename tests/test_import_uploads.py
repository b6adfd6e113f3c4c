"""Uploads are private and do not stay: 0600 files in 0700 folders, an upload never confirmed removed
after the retention period (by `fanzha prune-uploads` and at each new upload)."""

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from fanzha.cases.tests.ledgers import HEADER, row, write_xlsx
from fanzha.imports import jobs, uploads
from fanzha.imports.models import ImportBatch
from fanzha.imports.runner import error_dir

DAY = 24 * 3600


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _aged(path: Path, seconds: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"x" * 1024)
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_prune_removes_what_was_never_confirmed_after_the_retention_period(county, settings, capsys):
    settings.IMPORT_UPLOAD_RETENTION_HOURS = 24
    stale = _aged(uploads.upload_dir() / "stale.xlsx", DAY + 60)
    fresh = _aged(uploads.upload_dir() / "fresh.xlsx", DAY - 60)
    preview_errors = _aged(error_dir() / "preview-错误标注.xlsx", DAY + 60)
    recorded = _aged(error_dir() / "import-错误标注.xlsx", DAY + 60)
    ImportBatch.objects.create(
        kind="cases", filename="a.xlsx", status="rejected", error_workbook=recorded.name
    )

    call_command("prune-uploads")
    assert (
        capsys.readouterr().out.strip()
        == "已删除超过 24 小时的过期文件 2 个（0.0 MB）、已结束的导入任务 0 个"
    )
    assert (stale.exists(), fresh.exists(), preview_errors.exists(), recorded.exists()) == (
        False,
        True,
        False,
        True,
    )
    settings.IMPORT_UPLOAD_RETENTION_HOURS = 1
    call_command("prune-uploads")
    assert not fresh.exists()


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_private_and_prunes_the_stale_ones(county, client_for, settings, tmp_path):
    settings.IMPORT_UPLOAD_RETENTION_HOURS = 24
    stale = _aged(uploads.upload_dir() / "stale.csv", DAY + 60)
    path = write_xlsx(tmp_path / "台账.xlsx", HEADER, [row(number="U1"), row(number="U2", loss="x")])
    client = client_for("station_officer")
    response = client.post(
        reverse("imports:upload"), {"kind": "cases", "file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    assert jobs.wait(response.url.rstrip("/").rsplit("/", 1)[1], 30).status == "done"
    assert not stale.exists()
    (stored,) = uploads.upload_dir().iterdir()
    (workbook,) = error_dir().iterdir()
    assert (mode(stored), mode(stored.parent), mode(workbook), mode(workbook.parent)) == (
        0o600,
        0o700,
        0o600,
        0o700,
    )


def test_evidence_files_are_private(county, users, settings):
    from fanzha.prevention.models import Activity, ActivityKind
    from fanzha.prevention.uploads import attach

    activity = Activity.objects.create(
        kind=ActivityKind.objects.get_or_create(name="进校园")[0], org=county["school"], held_on="2024-03-05"
    )
    photo = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    attachment = attach(photo, users["county_admin"], activity=activity)
    path = Path(attachment.file.path)
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)


def test_the_data_directory_and_database_are_made_private_and_the_retention_is_parsed_strictly(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    database = data / "fanzha.sqlite3"
    database.touch()
    database.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"FANZHA_DATA_DIR": str(data)}
    script = "from django.conf import settings; (settings.DATA_DIR / 'new.txt').write_text('x')"
    done = subprocess.run(
        [sys.executable, "-m", "fanzha", "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert done.returncode == 0, done.stderr
    assert (mode(data), mode(database), mode(data / "new.txt"), mode(data / "secret.key")) == (
        0o700,
        0o600,
        0o600,
        0o600,
    )
    for wrong in ("abc", "0", "-3", "1.5", "２４"):
        refused = subprocess.run(
            [sys.executable, "-m", "fanzha", "check"],
            env=env | {"FANZHA_UPLOAD_RETENTION_HOURS": wrong},
            capture_output=True,
            text=True,
        )
        assert refused.returncode == 1
        assert refused.stderr.strip().endswith(
            f"环境变量 FANZHA_UPLOAD_RETENTION_HOURS 应为不小于 1 的整数，实际为「{wrong}」"
        ), refused.stderr
