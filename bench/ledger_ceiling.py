"""Where a visits or warnings import's time goes on the province database, and the floor under it.

    python bench/ledger_ceiling.py [--database fanzha_bench_prev] [--rows 100000] [--runs 3]

Needs the database bench/prevention.py builds (1M households, 5M visits). Each run validates a new file
of ROWS rows with the importer, then, inside a transaction that is rolled back, times each step as an
import does it: the staging copy and the set-based writes (visits), or the warnings, their routing and
the orders (warnings); then the foreign-key checks the database defers to the commit (run at once with
SET CONSTRAINTS ALL IMMEDIATE); then the same new rows copied into plain tables with no index or
constraint, the database's own floor for rows of this shape. Prints one JSON line per run and the medians."""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from governance import start_django  # noqa: E402
from prevention import write_visits, write_warnings  # noqa: E402


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def validated(importer, path: Path):
    from fanzha.imports.headers import alias_table
    from fanzha.imports.readers import read_table
    from fanzha.imports.runner import ImportResult, _map_columns

    importer.prepare()
    table = alias_table(importer.kind, importer.headers)
    sheet = read_table(path, set(table))
    columns = _map_columns(sheet, table, importer, ImportResult(kind=importer.kind, filename=path.name))
    started = time.perf_counter()
    parts = []
    for chunk in sheet.batches(importer.chunk_rows):
        frame, errors = importer.validate(chunk, columns)
        assert not errors, errors[:3]
        parts.append(frame)
    sheet.close()
    return parts, time.perf_counter() - started


def floor(cursor, models, first_ids) -> float:
    """The rows just written, copied into plain tables (logged, like the real ones) with no index or
    constraint."""
    started = time.perf_counter()
    for model, first in zip(models, first_ids, strict=True):
        table = model._meta.db_table
        cursor.execute(f"CREATE TABLE bench_floor_{table} AS SELECT * FROM {table} WHERE 1 = 0")
        cursor.execute(f"INSERT INTO bench_floor_{table} SELECT * FROM {table} WHERE id >= %s", [first])
    return time.perf_counter() - started


def next_ids(cursor, models) -> list[int]:
    ids = []
    for model in models:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
        ids.append(cursor.fetchone()[0])
    return ids


def measure_visits(path: Path) -> dict:
    from django.db import connection, transaction

    from fanzha.imports.staging import staging_table
    from fanzha.prevention.importers import VisitImporter
    from fanzha.prevention.models import HouseholdVisit
    from fanzha.prevention.visits import record_visits

    importer = VisitImporter(None)
    parts, validation = validated(importer, path)
    result = {"validation_s": validation}
    with transaction.atomic(), connection.cursor() as cursor:
        first = next_ids(cursor, [HouseholdVisit])
        stage = write = 0.0
        for frame in parts:
            rows = importer.staging_rows(frame)
            started = time.perf_counter()
            with staging_table(rows) as staging:
                stage += time.perf_counter() - started
                write += timed(lambda staging=staging: record_visits(staging))
        result |= {"staging_copy_s": stage, "households_visits_first_visits_s": write}
        result["foreign_key_checks_s"] = timed(lambda: cursor.execute("SET CONSTRAINTS ALL IMMEDIATE"))
        result["floor_plain_table_s"] = floor(cursor, [HouseholdVisit], first)
        transaction.set_rollback(True)
    return result


def measure_warnings(path: Path) -> dict:
    from django.db import connection, transaction

    from fanzha.warnings.importers import WarningImporter
    from fanzha.warnings.models import VerificationOrder, Warning

    importer = WarningImporter(None)
    parts, validation = validated(importer, path)
    result = {"validation_s": validation}
    models = [Warning, VerificationOrder]
    with transaction.atomic(), connection.cursor() as cursor:
        first = next_ids(cursor, models)
        result["warnings_routing_orders_s"] = timed(lambda: [importer.write(frame) for frame in parts])
        result["foreign_key_checks_s"] = timed(lambda: cursor.execute("SET CONSTRAINTS ALL IMMEDIATE"))
        result["floor_plain_table_s"] = floor(cursor, models, first)
        transaction.set_rollback(True)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="fanzha_bench_prev")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start_django(args.database)
    folder = Path(tempfile.mkdtemp())
    summary = {}
    for kind, writer, measure in (
        ("visits", write_visits, measure_visits),
        ("warnings", write_warnings, measure_warnings),
    ):
        runs = []
        for run in range(args.runs):
            path = writer(folder / f"{kind}-{run}.csv", args.rows, f"ceiling{time.time_ns()}")
            runs.append({k: round(v, 2) for k, v in measure(path).items()})
            print(json.dumps({"kind": kind, "rows": args.rows, **runs[-1]}), flush=True)
        medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        medians["total_s"] = round(sum(v for k, v in medians.items() if not k.startswith("floor")), 2)
        medians["rows_per_s"] = round(args.rows / medians["total_s"])
        summary[kind] = medians
    print(json.dumps({"rows": args.rows, "runs": args.runs, "median": summary}))


if __name__ == "__main__":
    main()
