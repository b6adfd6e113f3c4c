"""One measurement of where a case import's time goes (run by import_ceiling.py): validates FILE with
the importer, then, inside a transaction that is rolled back, writes the validated rows the way an
import does (indexes lifted) and into a plain table with no index, trigger or constraint. Prints JSON."""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
django.setup()

import polars as pl  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from fanzha.imports.bulk_load import BulkLoad  # noqa: E402

from fanzha.assessment.month_triggers import BULK_CATCH_UP  # noqa: E402
from fanzha.cases.importers import CaseImporter  # noqa: E402
from fanzha.cases.models import Case, SuspectIdentifier  # noqa: E402
from fanzha.imports.bulk import copy_frame, datetimes_to_text, insert_rows, insert_with_ids  # noqa: E402
from fanzha.imports.headers import alias_table  # noqa: E402
from fanzha.imports.readers import read_table  # noqa: E402
from fanzha.imports.runner import ImportResult, _map_columns  # noqa: E402


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def validated(path: str) -> tuple[list[pl.DataFrame], float]:
    importer = CaseImporter(None)
    importer.prepare()
    table = alias_table(importer.kind, importer.headers)
    sheet = read_table(path, set(table))
    columns = _map_columns(sheet, table, importer, ImportResult(kind="cases", filename=path))
    started = time.perf_counter()
    parts = [importer._model_rows(importer.validate(chunk, columns)[0]) for chunk in sheet.batches(100_000)]
    return parts, time.perf_counter() - started


def plain_table(frame: pl.DataFrame) -> None:
    """The same rows into a table with no index, trigger or constraint: the database's own floor. A
    regular table (written to the WAL like the case table), dropped with the rollback."""
    frame = datetimes_to_text(frame, connection.vendor)
    names = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_ceiling AS SELECT {names} FROM cases_case WHERE 1 = 0")
        if connection.vendor == "postgresql":
            copy_frame(cursor, "bench_ceiling", names, frame)
        else:
            marks = ", ".join("?" * frame.width)
            cursor.cursor.executemany(f"INSERT INTO bench_ceiling VALUES ({marks})", frame.iter_rows())


def main():
    parts, validation = validated(sys.argv[1])
    now = timezone.now()
    cases = [
        p.drop("identifiers").with_columns(created_at=pl.lit(now), updated_at=pl.lit(now)) for p in parts
    ]
    rows = sum(p.height for p in parts)
    with transaction.atomic():
        load = BulkLoad(
            Case,
            SuspectIdentifier,
            catch_up=BULK_CATCH_UP[connection.vendor],
            unique=connection.vendor == "postgresql",
        )
        load.drop()
        ids = []
        insert_cases = timed(lambda: ids.extend(i for frame in cases for i in insert_with_ids(Case, frame)))
        identifiers = (
            pl.concat(parts)
            .select(pl.Series("case_id", ids, dtype=pl.Int64), "identifiers")
            .explode("identifiers")
            .drop_nulls("identifiers")
            .unnest("identifiers")
        )
        insert_identifiers = timed(insert_rows, SuspectIdentifier, identifiers)
        restore = timed(load.restore)
        plain = timed(plain_table, pl.concat(cases))
        transaction.set_rollback(True)
    print(
        json.dumps(
            {
                "rows": rows,
                "identifiers": identifiers.height,
                "validation_rows_per_s": round(rows / validation),
                "insert_cases_rows_per_s": round(rows / insert_cases),
                "insert_identifiers_rows_per_s": round(identifiers.height / insert_identifiers),
                "index_rebuild_s": round(restore, 2),
                "plain_table_rows_per_s": round(rows / plain),
            }
        )
    )


main()
