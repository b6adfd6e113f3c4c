"""Prevention and warning ledgers at province scale (PostgreSQL by default).

    python bench/prevention.py [--database fanzha_bench_prev] [--runs 7] [--rows 200000]

Builds the database once with set-based SQL: 200 stations, 50 towns, 4,000 villages, 1,000,000
households with phones, 5,000,000 visits over 2024 (and their first-visit rows), monthly App
registration counts and coverage targets. Prints one JSON line per measurement and the medians:
coverage by village and by town for 2024-06, routing one warning (lookup alone, and the whole
receive with its order and audit row), and the visits and warnings imports in rows per second.

    python bench/prevention.py --first-load 1000000 [--database fanzha_bench_first]

A first load instead: for each of visits and warnings, a new database with the org tree and empty
ledgers, and one file of that many rows imported into it (as every import writes: constraints, indexes
and triggers in place)."""

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from governance import median_of, psql, start_django  # noqa: E402

VILLAGES, HOUSEHOLDS_EACH, VISITS_EACH = 4000, 250, 5


def build(filled: bool = True) -> None:
    from django.core.management import call_command
    from django.db import connection

    from fanzha.orgs.models import OrgUnit, Population
    from fanzha.prevention.models import CoverageTarget
    from fanzha.prevention.visits import refresh_first_visits

    call_command("migrate", verbosity=0)
    root = OrgUnit(code="880000000000", name="基准省", kind="county")
    root.save()
    towns = [OrgUnit(code=f"880{i:03d}000", name=f"基准{i}镇", kind="town", parent=root) for i in range(50)]
    stations = [
        OrgUnit(code=f"880S{i:03d}", name=f"基准{i}派出所", kind="station", parent=root) for i in range(200)
    ]
    for unit in (*towns, *stations):
        unit.save()
    villages = []
    for i in range(VILLAGES):
        village = OrgUnit(
            code=f"880V{i:05d}",
            name=f"基准{i}村",
            kind="village",
            parent=towns[i % 50],
            station=stations[i % 200],
        )
        village.save()
        villages.append(village)
    Population.objects.bulk_create(
        Population(org=v, year=2024, population=HOUSEHOLDS_EACH * 3, households=HOUSEHOLDS_EACH)
        for v in villages
    )
    first, last = villages[0].id, villages[-1].id
    if not filled:  # the org tree alone: the ledgers start empty (a first load)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO prevention_household (village_id, address, grid, head_name, phone, members)
            SELECT {first} + (n % {VILLAGES}), 'addr-' || n, '', '', '13' || lpad(n::text, 9, '0'), 3
            FROM generate_series(0, {VILLAGES * HOUSEHOLDS_EACH - 1}) AS n"""
        )
        # each household visited a few times in 2024, on distinct days; a quarter of them not yet
        cursor.execute(
            f"""INSERT INTO prevention_householdvisit (household_id, village_id, visited_on, visitor, people_reached,
                face_to_face, card_issued, card_recipient, pledge_signed, app_installed, note, created_at)
            SELECT h.id, h.village_id, DATE '2024-01-01' + (k * 70 + (h.id % 60))::int, '网格员' || (h.id % 7), 2,
                true, k = 0, '', false, false, '', now()
            FROM prevention_household h CROSS JOIN generate_series(0, {VISITS_EACH - 1}) AS k
            WHERE h.id % 4 <> 0 OR k < 4"""
        )
        cursor.execute(
            f"""INSERT INTO prevention_registration (org_id, tool, as_of, count, source)
            SELECT v, 'app', (DATE '2024-02-01' + (m || ' month')::interval - interval '1 day')::date, 60 * m, ''
            FROM generate_series({first}, {last}) AS v CROSS JOIN generate_series(1, 12) AS m"""
        )
    refresh_first_visits(None)
    for name, measure, pct, deadline in (
        ("第一轮入户", "visit_coverage", 100, datetime(2024, 3, 31)),
        ("App 80%", "app_rate", 80, datetime(2024, 6, 30)),
        ("App 100%", "app_rate", 100, datetime(2024, 7, 31)),
    ):
        CoverageTarget.objects.create(
            name=name,
            measure=measure,
            scope=root,
            level="village",
            target_pct=pct,
            starts_on=datetime(2024, 1, 1).date(),
            deadline=deadline.date(),
        )


def write_visits(path: Path, rows: int, tag: str) -> Path:
    rng = random.Random(tag)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["村/社区", "住址", "走访日期", "走访人", "当面讲解", "发放防骗卡", "安装App"])
        for n in range(rows):
            household = rng.randrange(VILLAGES * HOUSEHOLDS_EACH)
            village = household % VILLAGES
            day = datetime(2024, 11, 1) + timedelta(days=n % 28)
            writer.writerow(
                [
                    f"880V{village:05d}",
                    f"addr-{household}",
                    day.strftime("%Y-%m-%d"),
                    f"{tag}-{n}",
                    "是",
                    "否",
                    "是",
                ]
            )
    return path


def write_warnings(path: Path, rows: int, tag: str) -> Path:
    rng = random.Random(tag)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["预警编号", "预警时间", "电话", "风险等级", "派出所"])
        for n in range(rows):
            matched = rng.random() < 0.6
            phone = (
                f"13{rng.randrange(VILLAGES * HOUSEHOLDS_EACH):09d}"
                if matched
                else f"15{rng.randrange(10**9):09d}"
            )
            writer.writerow(
                [
                    f"{tag}-{n}",
                    f"2024-11-{n % 28 + 1:02d} 10:00",
                    phone,
                    "高中低"[n % 3],
                    f"880S{n % 200:03d}",
                ]
            )
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database", default=None, help="fanzha_bench_prev (fanzha_bench_first for --first-load)"
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=200_000, help="rows per import measurement")
    parser.add_argument("--first-load", type=int, default=0, help="rows of a first load into empty ledgers")
    args = parser.parse_args()
    if args.first_load:
        return first_load(args.database or "fanzha_bench_first", args.first_load)
    args.database = args.database or "fanzha_bench_prev"
    fresh = not psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'")
    if fresh:
        psql(f"CREATE DATABASE {args.database}")
    start_django(args.database, keep_sqlite=True)
    if fresh:
        started = time.perf_counter()
        build()
        print(json.dumps({"built": "province", "seconds": round(time.perf_counter() - started, 1)}))
        psql("VACUUM ANALYZE", args.database)

    from fanzha.core.periods import Period
    from fanzha.imports.registry import importer_class
    from fanzha.imports.runner import run_import
    from fanzha.parameters import config
    from fanzha.prevention.coverage import coverage
    from fanzha.prevention.models import HouseholdVisit
    from fanzha.warnings import services
    from fanzha.warnings.models import Warning
    from fanzha.warnings.routing import Router

    settings = config.current()
    june = Period.parse("2024-06")
    summary = {"visits": HouseholdVisit.objects.count()}
    summary["coverage_village_2024_06_ms"] = median_of(
        "coverage 2024-06 village", args.runs, lambda: coverage(june, "village", settings)
    )
    summary["coverage_town_2024_06_ms"] = median_of(
        "coverage 2024-06 town", args.runs, lambda: coverage(june, "town", settings)
    )
    router = Router()
    rng = random.Random(3)
    phones = [f"13{rng.randrange(VILLAGES * HOUSEHOLDS_EACH):09d}" for _ in range(200)]
    lookups = iter(phones * args.runs)
    summary["route_lookup_ms"] = median_of(
        "route one warning (lookup)", args.runs * 20, lambda: router.route(next(lookups), "", None)
    )
    stamp = f"{time.time_ns()}"
    counter = iter(range(10**6))
    summary["receive_one_warning_ms"] = median_of(
        "receive one warning (store + route + order + audit)",
        args.runs * 20,
        lambda: services.receive(
            Warning(
                external_id=f"R{stamp}-{next(counter)}",
                received_at=datetime.now().astimezone(),
                phone=rng.choice(phones),
                level="high",
            ),
            router=router,
            settings=settings,
        ),
    )
    folder = Path(tempfile.mkdtemp())
    for kind, writer in (("visits", write_visits), ("warnings", write_warnings)):
        rates = []
        for run in range(3):
            path = writer(folder / f"{kind}-{run}.csv", args.rows, f"{kind}{stamp}{run}")
            started = time.perf_counter()
            result = run_import(importer_class(kind)(None), path)
            seconds = time.perf_counter() - started
            assert result.committed and result.counts.created == args.rows, result.as_dict()["errors"][:3]
            rates.append(args.rows / seconds)
            print(
                json.dumps({"benchmark": f"import {kind}", "rows": args.rows, "rows_per_s": round(rates[-1])})
            )
        summary[f"import_{kind}_rows_per_s"] = statistics.median(rates)
    print(
        json.dumps(
            {"summary": {k: round(v, 1) if isinstance(v, float) else v for k, v in summary.items()}},
            ensure_ascii=False,
        )
    )


def first_load(database: str, rows: int) -> None:
    start_django(database)
    from django.db import connection

    from fanzha.imports.registry import importer_class
    from fanzha.imports.runner import run_import

    folder = Path(tempfile.mkdtemp())
    for kind, writer in (("visits", write_visits), ("warnings", write_warnings)):
        connection.close()
        psql(f"DROP DATABASE IF EXISTS {database}")
        psql(f"CREATE DATABASE {database}")
        build(filled=False)
        path = writer(folder / f"{kind}.csv", rows, f"first-{kind}")
        started = time.perf_counter()
        result = run_import(importer_class(kind)(None), path)
        seconds = time.perf_counter() - started
        assert result.committed and result.counts.created == rows, result.as_dict()["errors"][:3]
        print(
            json.dumps(
                {
                    "benchmark": f"first load {kind}",
                    "rows": rows,
                    "seconds": round(seconds, 1),
                    "rows_per_s": round(rows / seconds),
                }
            )
        )
    connection.close()
    psql(f"DROP DATABASE {database}")


if __name__ == "__main__":
    main()
