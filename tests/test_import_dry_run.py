"""A preview (dry run) only reads the ledger: no write, no DDL, no write lock — the people working in
the ledger (a login, a form) are never held up by someone checking a file."""

import re
import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.prevention.models import ActivityKind
from tests.test_small_ledger_imports import LARGE_LOADS

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|ALTER|DROP|CREATE|COPY|TRUNCATE)\b", re.IGNORECASE)
# the first row changed, the others as stored, and one new row: (file rows, created, updated, unchanged)
ORG_HEADER = ["代码", "名称", "类型", "上级代码"]
FILES = {
    "cases": (
        HEADER,
        [row(number="P1"), row(number="P2")],
        [row(number="P1", loss="1元"), row(number="P2"), row(number="P3")],
        (1, 1, 1),
    ),
    "orgs": (
        ORG_HEADER,
        [["361123100300", "西山村", "村", "361123100000"], ["361123100301", "南山村", "村", "361123100000"]],
        [
            ["361123100300", "西山新村", "村", "361123100000"],
            ["361123100301", "南山村", "村", "361123100000"],
            ["361123100302", "北山村", "村", "361123100000"],
        ],
        (1, 1, 1),
    ),
    **{
        kind: (header, rows[:2], rows, (1, 0, 2))
        for kind, (header, rows, _model) in LARGE_LOADS.items()
        if kind != "registrations"
    },
    "registrations": (
        LARGE_LOADS["registrations"][0],
        LARGE_LOADS["registrations"][1][:2],
        [["361123100200", "2024-06-01", "900"], *LARGE_LOADS["registrations"][1][1:]],
        (1, 1, 1),
    ),
}


def _write_lock_is_free() -> bool:
    """Another connection can write right now: SQLite's write lock, or PostgreSQL's row/table write
    locks on the ledger, are not held by the dry run."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
                "AND mode IN ('RowExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', "
                "'AccessExclusiveLock')"
            )
            return cursor.fetchone()[0] == 0
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", list(FILES))
def test_a_dry_run_only_reads(kind, county, tmp_path):
    ActivityKind.objects.get_or_create(name="进校园")  # a transactional test starts without the seeded list
    importer = importer_class(kind)
    header, stored, rows, counts = FILES[kind]
    first = run_import(importer(None), write_csv(tmp_path / "first.csv", header, stored))
    assert first.committed, [str(e) for e in first.errors]

    free = []
    with CaptureQueriesContext(connection) as captured:
        result = run_import(
            importer(None),
            write_csv(tmp_path / "again.csv", header, rows),
            dry_run=True,
            progress=lambda done, total: free.append(_write_lock_is_free()),
        )
    assert result.errors == [] and not result.committed
    assert (result.counts.created, result.counts.updated, result.counts.unchanged) == counts
    assert [q["sql"] for q in captured.captured_queries if WRITES.match(q["sql"])] == []
    assert free == [True]
    assert _write_lock_is_free()  # and on SQLite the connection may write again afterwards
    again = run_import(importer(None), write_csv(tmp_path / "again.csv", header, rows))
    assert again.committed
    assert (again.counts.created, again.counts.updated, again.counts.unchanged) == counts


@pytest.mark.parametrize("kind", ["visits", "activities"])
def test_a_row_the_file_repeats_is_counted_by_the_preview_as_the_import_counts_it(kind, county, tmp_path):
    """A repeated row is reported (第N行…与第M行重复) by both, and both count the rest alike."""
    ActivityKind.objects.get_or_create(name="进校园")
    header, rows, _model = LARGE_LOADS[kind]
    path = write_csv(tmp_path / "twice.csv", header, [*rows, rows[-1]])
    preview = run_import(importer_class(kind)(None), path, dry_run=True, partial=True)
    done = run_import(importer_class(kind)(None), path, partial=True)
    assert done.committed and [str(e) for e in preview.errors] == [str(e) for e in done.errors] != []
    assert (preview.counts.created, preview.counts.unchanged) == (done.counts.created, done.counts.unchanged)
