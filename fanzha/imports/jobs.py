"""Import jobs (ImportJob): an import or a preview as it runs, kept in the database so that every server
process sees it; the progress page polls the row.

- One import at a time writes the ledger: opening an import job takes the import lock (the row's
  `writing` flag, unique), or raises ImportBusy naming who holds it and since when. A preview only reads
  and takes no lock — except on SQLite, where nothing can be written (not even the preview's own job row)
  while an import holds the database's write lock.
- A job names its process (host, pid) and beats a heartbeat from a thread with its own connection. A job
  whose process is gone — the pid no longer runs on this host, or, from another host, no heartbeat for
  STALE_SECONDS — is shown as failed and its lock released; its transaction never committed (a job that
  did commit has its ImportBatch, written in the same transaction as its rows).
- On SQLite the heartbeat cannot be written while the import holds the write lock, so the job's own
  process also keeps its progress in memory, which state() shows in preference."""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import IntegrityError, OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from fanzha.core.periods import beijing_text
from fanzha.imports.errors import RowError
from fanzha.imports.models import ImportBatch, ImportJob
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import Counts, ImportResult, run_import

KEPT_ERRORS = 1000  # a preview lists this many errors; the error workbook holds them all
HEARTBEAT_SECONDS = 2
STALE_SECONDS = 60
logger = logging.getLogger(__name__)
HOST = socket.gethostname()[:255]
INTERRUPTED = "导入进程已中断，未写入任何数据"

_progress: dict[str, tuple[int, int]] = {}  # token → (done, total): the jobs running in this process


class ImportBusy(Exception):
    def __init__(self, holder: ImportJob):
        who = (holder.user.get_full_name() or holder.user.username) if holder.user else "系统（命令行）"
        since = timezone.localtime(holder.started_at)
        super().__init__(f"另一个导入正在进行（由 {who} 于 {since:%H:%M} 开始），请稍后再试")


def open_job(kind: str, user, filename: str, partial: bool, dry_run: bool) -> ImportJob:
    """The job's row, committed at once; an import takes the import lock with it (or raises ImportBusy)."""
    fields = {
        "token": uuid.uuid4().hex,
        "kind": kind,
        "filename": filename[:255],
        "user": user if getattr(user, "is_authenticated", False) else None,
        "partial": partial,
        "dry_run": dry_run,
        "host": HOST,
        "pid": os.getpid(),
    }
    job = _create(fields, dry_run)
    _progress[job.token] = (0, 0)  # running in this process from now on
    return job


def _create(fields: dict, dry_run: bool) -> ImportJob:
    if dry_run and connection.vendor != "sqlite":
        return ImportJob.objects.create(**fields)
    for _attempt in range(3):
        holder = ImportJob.objects.filter(writing=True).select_related("user").first()
        if holder is not None and not _interrupted(holder):
            raise ImportBusy(holder)
        if dry_run:
            return ImportJob.objects.create(**fields)
        try:
            with transaction.atomic():
                return ImportJob.objects.create(**fields, writing=True)
        except IntegrityError:  # another process took the lock since the look above
            continue
    raise ImportBusy(ImportJob.objects.filter(writing=True).select_related("user").first() or holder)


def execute(job: ImportJob, user, path: Path, preview_rows: int = 0, progress=None) -> ImportResult:
    """Run the job's import (or preview) here; → its result. The job's row follows it to the end, and the
    import lock is released whatever happens."""
    beat = _Heartbeat(job)
    beat.start()

    def report(done: int, total: int) -> None:
        _progress[job.token] = (done, total)
        if progress:
            progress(done, total)

    try:
        result = run_import(
            importer_class(job.kind)(user),
            path,
            partial=job.partial,
            filename=job.filename,
            dry_run=job.dry_run,
            preview_rows=preview_rows,
            progress=report,
            job=None if job.dry_run else job,
        )
        outcome = summary(result)
    except BaseException as exc:
        beat.stop()
        if batch_of(job) is not None:  # it committed; what failed came after
            _close(job, ImportJob.Status.DONE)
        else:  # the import's transaction has rolled back
            # the database's or Python's own words may quote paths and values: they go to the log
            logger.error("import job %s failed: %s", job.token, type(exc).__name__, exc_info=exc)
            _close(job, ImportJob.Status.FAILED, error=f"{UNEXPECTED}（任务编号 {job.token[:8]}）")
        raise
    beat.stop()
    _close(job, ImportJob.Status.DONE, result=outcome, done=result.total, total=result.total)
    return result


def start(
    kind: str, user, path: Path, filename: str, partial: bool, dry_run: bool = False, preview_rows: int = 0
) -> str:
    """Run an import (or, with `dry_run`, its preview) in a background thread; → the job's token.
    Raises ImportBusy at once when another import holds the lock. A dry run keeps the uploaded file
    for the import that may follow; an import removes it."""
    job = open_job(kind, user, filename, partial, dry_run)

    def work():
        close_old_connections()
        try:
            execute(job, user, path, preview_rows)
        except Exception:  # recorded on the job; the thread ends here
            pass
        finally:
            if not dry_run:
                path.unlink(missing_ok=True)
            connection.close()

    threading.Thread(target=work, name=f"import-{job.token[:8]}", daemon=True).start()
    return job.token


def state(token: str) -> ImportJob | None:
    """The job as its row says, a job whose process is gone marked failed, and the progress of a job
    of this process as it stands now."""
    job = ImportJob.objects.filter(token=token).first()
    if job is None:
        return None
    if job.status == ImportJob.Status.RUNNING and _interrupted(job):
        job.refresh_from_db()
    if job.status == ImportJob.Status.RUNNING and job.token in _progress:
        job.done, job.total = _progress[job.token]
    return job


def wait(token: str, seconds: float) -> ImportJob | None:
    """Wait up to `seconds` for a job to end (a small file's preview is shown without a progress page)."""
    deadline = time.monotonic() + seconds
    while (
        (current := state(token)) is not None
        and current.status == ImportJob.Status.RUNNING
        and time.monotonic() < deadline
    ):
        time.sleep(0.1)
    return current


def batch_of(job: ImportJob) -> ImportBatch | None:
    return ImportBatch.objects.filter(job=job).first()


def _interrupted(job: ImportJob) -> bool:
    """Whether a running job's process is gone; if so the job is closed: done if its import committed
    (its batch exists), failed otherwise, and its lock released."""
    if job.host == HOST and job.pid == os.getpid():  # a job of this process (a restart may reuse the pid)
        alive = job.token in _progress
    elif job.host == HOST and os.name == "posix":  # os.kill(pid, 0) is a Ctrl+C on Windows
        alive = _pid_runs(job.pid)
    else:
        alive = job.heartbeat_at >= timezone.now() - timedelta(seconds=STALE_SECONDS)
    if alive:
        return False
    if batch_of(job) is not None:
        _close(job, ImportJob.Status.DONE)
    else:
        _close(job, ImportJob.Status.FAILED, error=INTERRUPTED)
    return True


UNEXPECTED = "未写入任何数据：导入时出现意外错误，请联系系统管理员按任务编号查看服务器日志"


def _pid_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def _close(job: ImportJob, status: str, **changes) -> None:
    _progress.pop(job.token, None)
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
        status=status, writing=None, heartbeat_at=timezone.now(), **changes
    )


class _Heartbeat(threading.Thread):
    """Writes the job's progress and heartbeat every HEARTBEAT_SECONDS through its own connection (the
    import's own writes stay invisible until it commits). On SQLite a beat is skipped while an import
    holds the write lock."""

    def __init__(self, job: ImportJob):
        super().__init__(name=f"import-heartbeat-{job.token[:8]}", daemon=True)
        self.job_id, self.token = job.pk, job.token
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 0")
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                done, total = _progress.get(self.token, (0, 0))
                try:
                    ImportJob.objects.filter(pk=self.job_id, status=ImportJob.Status.RUNNING).update(
                        done=done, total=total, heartbeat_at=timezone.now()
                    )
                except OperationalError:  # SQLite: the import holds the write lock
                    pass
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def summary(result: ImportResult) -> dict:
    """What the preview page shows of a result, as JSON (the first KEPT_ERRORS errors)."""
    return {
        "kind": result.kind,
        "filename": result.filename,
        "total": result.total,
        "counts": [result.counts.created, result.counts.updated, result.counts.unchanged],
        "errors": [e.as_dict() for e in result.errors[:KEPT_ERRORS]],
        "error_total": len(result.errors),
        "warnings": [e.as_dict() for e in result.warnings[:KEPT_ERRORS]],
        "warning_total": len(result.warnings),
        "rejected_rows": result.rejected_rows,
        "unknown_headers": result.unknown_headers,
        "committed": result.committed,
        "dry_run": result.dry_run,
        "partial": result.partial,
        "preview": [{key: _shown(value) for key, value in row.items()} for row in result.preview],
        "error_workbook": result.error_workbook.name if result.error_workbook else "",
        "notes": result.notes,
    }


def restored(data: dict) -> ImportResult:
    """The result of a summary(), for the preview page."""
    return ImportResult(
        kind=data["kind"],
        filename=data["filename"],
        total=data["total"],
        counts=Counts(*data["counts"]),
        errors=[RowError(**e) for e in data["errors"]],
        error_total=data["error_total"],
        warnings=[RowError(**e, warning=True) for e in data.get("warnings", [])],
        warning_total=data.get("warning_total", 0),
        rejected_rows=data["rejected_rows"],
        unknown_headers=data["unknown_headers"],
        committed=data["committed"],
        dry_run=data["dry_run"],
        partial=data["partial"],
        preview=data["preview"],
        error_workbook=Path(data["error_workbook"]) if data["error_workbook"] else None,
        notes=data.get("notes", []),
    )


def _shown(value):
    """A preview value as JSON: a time as Beijing time text, a date as YYYY-MM-DD, lists item by item."""
    if isinstance(value, datetime):
        return beijing_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_shown(v) for v in value]
    return value
