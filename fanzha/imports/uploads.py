"""Uploaded ledger files awaiting their import, kept private (0600 in a 0700 folder) and not for long:
an upload never confirmed, a preview's error workbook that no import record names, and a finished job's
row (its preview holds rows of the file) are removed after settings.IMPORT_UPLOAD_RETENTION_HOURS —
by `fanzha prune-uploads` (cron) and at each new upload. An import that starts touches its file, so
the hours count from the last use."""

import os
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from fanzha.imports.models import ImportBatch, ImportJob
from fanzha.imports.runner import error_dir


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def upload_dir() -> Path:
    return private_dir(Path(settings.MEDIA_ROOT) / "uploads")


def store(upload) -> Path:
    """Write an uploaded file (Django's UploadedFile) under a fresh name, readable by this account only."""
    path = upload_dir() / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


@dataclass
class Pruned:
    files: int = 0
    bytes: int = 0
    jobs: int = 0


def prune() -> Pruned:
    """Remove what is older than the retention period (see the module's docstring)."""
    hours = settings.IMPORT_UPLOAD_RETENTION_HOURS
    cutoff = time.time() - hours * 3600
    pruned = Pruned()
    recorded = set(ImportBatch.objects.exclude(error_workbook="").values_list("error_workbook", flat=True))
    candidates = [*_files(upload_dir()), *(f for f in _files(error_dir()) if f.name not in recorded)]
    for path in candidates:
        try:
            stat = path.stat()
            if stat.st_mtime < cutoff:
                path.unlink()
                pruned.files += 1
                pruned.bytes += stat.st_size
        except FileNotFoundError:  # removed meanwhile (an import that ended, another prune)
            continue
    finished = ImportJob.objects.exclude(status=ImportJob.Status.RUNNING).filter(
        heartbeat_at__lt=timezone.now() - timedelta(hours=hours)
    )
    pruned.jobs = finished.delete()[1].get(ImportJob._meta.label, 0)
    return pruned


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.is_file()] if folder.is_dir() else []
