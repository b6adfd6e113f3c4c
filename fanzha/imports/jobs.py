"""Imports started from the web run in a background thread of the server process, so a large
ledger does not hold the request open; the page polls the job's progress.

Progress lives in the process-local cache, not in the database: the import's own writes stay
invisible until it commits. One server process (waitress, `fanzha serve`) therefore sees every job;
a multi-process deployment needs a shared cache backend in CACHES."""

import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

from django.core.cache import cache
from django.db import close_old_connections, connection

from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import

TIMEOUT = 24 * 3600
KEPT_ERRORS = 1000  # a preview lists this many errors; the error workbook holds them all


def _key(token: str) -> str:
    return f"fanzha:import-job:{token}"


def state(token: str) -> dict | None:
    return cache.get(_key(token))


def _update(token: str, **changes) -> None:
    cache.set(_key(token), {**(state(token) or {}), **changes}, TIMEOUT)


def start(
    kind: str, user, path: Path, filename: str, partial: bool, dry_run: bool = False, preview_rows: int = 0
) -> str:
    """Run an import (or, with `dry_run`, its preview) in the background; → the job's token.
    A dry run keeps the uploaded file for the import that may follow; an import removes it."""
    token = uuid.uuid4().hex
    _update(
        token,
        status="running",
        done=0,
        total=0,
        batch=None,
        error="",
        filename=filename,
        user=user.pk,
        dry_run=dry_run,
    )

    def work():
        close_old_connections()
        try:
            result = run_import(
                importer_class(kind)(user),
                path,
                partial=partial,
                filename=filename,
                dry_run=dry_run,
                preview_rows=preview_rows,
                progress=lambda done, total: _update(token, done=done, total=total),
            )
            _update(
                token,
                status="done",
                batch=result.batch.pk if result.batch else None,
                committed=result.committed,
                result=replace(result, errors=result.errors[:KEPT_ERRORS]),
            )
        except Exception as exc:  # shown to the user; the import's transaction has rolled back
            _update(token, status="failed", error=f"{type(exc).__name__}: {exc}")
            raise
        finally:
            if not dry_run:
                path.unlink(missing_ok=True)
            connection.close()

    threading.Thread(target=work, name=f"import-{token[:8]}", daemon=True).start()
    return token


def wait(token: str, seconds: float) -> dict | None:
    """Wait up to `seconds` for a job to end (a small file's preview is shown without a progress page)."""
    deadline = time.monotonic() + seconds
    while (
        (current := state(token)) is not None
        and current["status"] == "running"
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    return current
