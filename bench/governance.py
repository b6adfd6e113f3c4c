"""Governance engine on 1M cases and 200 police stations (PostgreSQL by default).

    python bench/governance.py [--database fanzha_bench_gov] [--cases 1000000] [--runs 7]

Builds the database once (200 stations, 50 towns, 4,000 villages with populations, 36 months of
cases written with COPY) and reuses it later. Prints one JSON line per measurement and the medians:
one-month station ranking inside the process, the `fanzha ranking` command end to end, all 36 monthly
rankings, escalations through a month, and the monthly Word report."""

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def psql(sql: str, database: str = "postgres") -> str:
    command = ["psql", "-tAq", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def start_django(database: str, keep_sqlite: bool = False) -> None:
    """Point Django at the PostgreSQL database `database` (unless `keep_sqlite` and DATABASE_URL already
    names SQLite), with a fresh data directory, and start it."""
    if not (keep_sqlite and os.environ.get("DATABASE_URL", "").startswith("sqlite")):
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ.setdefault("FANZHA_DATA_DIR", tempfile.mkdtemp(prefix="fanzha-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanzha.settings"
    import django

    django.setup()


def build(cases: int, seed: int = 7) -> None:
    from django.core.management import call_command
    from django.db import connection

    from fanzha.assessment.month_cache import refresh
    from fanzha.cases.models import Case, FraudType
    from fanzha.orgs.models import OrgUnit, Population

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    root = OrgUnit(code="990000000000", name="基准县", kind="county")
    root.save()
    towns = []
    for i in range(50):
        town = OrgUnit(code=f"990{i:03d}000", name=f"基准{i}镇", kind="town", parent=root)
        town.save()
        towns.append(town)
    stations = []
    for i in range(200):
        station = OrgUnit(code=f"990S{i:03d}", name=f"基准{i}派出所", kind="station", parent=root)
        station.save()
        stations.append(station)
    villages = []
    for i in range(4000):
        village = OrgUnit(
            code=f"990V{i:05d}",
            name=f"基准{i}村",
            kind="village",
            parent=towns[i % 50],
            station=stations[i % 200],
        )
        village.save()
        villages.append(village)
    Population.objects.bulk_create(
        Population(org=v, year=year, population=rng.randint(800, 9000))
        for v in villages
        for year in (2022, 2023, 2024)
    )
    types = list(FraudType.objects.values_list("id", flat=True))
    weights = [rng.random() ** 2 + 0.05 for _ in villages]  # some villages far busier than others
    start = datetime(2022, 1, 1, tzinfo=datetime.now().astimezone().tzinfo).astimezone()
    span = (datetime(2025, 1, 1) - datetime(2022, 1, 1)).total_seconds()
    columns = [f.column for f in Case._meta.concrete_fields if f.column != "id"]
    buffer = io.StringIO()
    picks = rng.choices(villages, weights=weights, k=cases)
    # a ledger grows month by month: rows arrive roughly in the order they were reported
    moments = sorted(rng.random() * span for _ in range(cases))
    for n, (village, offset) in enumerate(zip(picks, moments, strict=True)):
        when = start + timedelta(seconds=offset)
        row = {
            "case_number": f"B{n:08d}",
            "reported_at": when.isoformat(),
            "occurred_at": "\\N",
            "place_id": village.id,
            "town_id": village.parent_id,
            "station_id": village.station_id,
            "fraud_type_id": rng.choice(types),
            "loss_fen": int(rng.lognormvariate(9.5, 1.6)) * 100,
            "recovered_fen": 0,
            "channel": "",
            "victim_name": "",
            "victim_id_number": "",
            "victim_phone": "",
            "victim_sex": "",
            "victim_age": "\\N",
            "victim_group": "",
            "employer_id": "\\N",
            "employer_relation": "",
            "narrative": "",
            "status": "filed",
            "prior_outreach": "unknown",
            "external_number": "",
            "created_at": when.isoformat(),
            "updated_at": when.isoformat(),
        }
        buffer.write("\t".join(str(row[c]) for c in columns) + "\n")
    buffer.seek(0)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY cases_case ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # COPY is a write the ORM does not see (the triggers marked its months): summarise them, as
    # `fanzha summarize` would after such a load
    refresh()


def median_of(label: str, runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
        print(json.dumps({"benchmark": label, "ms": round(times[-1], 1)}, ensure_ascii=False))
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="fanzha_bench_gov")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    fresh = not psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'")
    if fresh:
        psql(f"CREATE DATABASE {args.database}")
    start_django(args.database)
    if fresh:
        started = time.perf_counter()
        build(args.cases)
        print(json.dumps({"built": args.cases, "seconds": round(time.perf_counter() - started, 1)}))
        psql("VACUUM ANALYZE", args.database)

    from fanzha.assessment.escalations import run_escalations
    from fanzha.assessment.monthly import month_range
    from fanzha.assessment.ranking import build_monthly_rankings, build_ranking
    from fanzha.cases.models import Case
    from fanzha.core.periods import Period
    from fanzha.parameters.levels import get_level
    from fanzha.reports.monthly import build_monthly
    from fanzha.reports.word import write_monthly_docx

    station, village = get_level("station"), get_level("village")
    march = Period.parse("2024-03")
    months = month_range(Period.parse("2022-01"), Period.parse("2024-12"))
    out = Path(tempfile.mkdtemp()) / "report.docx"
    summary = {"cases": Case.objects.count()}
    summary["ranking_one_month_station_ms"] = median_of(
        "ranking 2024-03 station", args.runs, lambda: build_ranking(station, march)
    )
    summary["ranking_one_month_village_ms"] = median_of(
        "ranking 2024-03 village", args.runs, lambda: build_ranking(village, march)
    )
    summary["ranking_36_months_station_ms"] = median_of(
        "36 monthly rankings", args.runs, lambda: build_monthly_rankings(station, months)
    )
    summary["escalations_through_2024_06_ms"] = median_of(
        "escalations 2024-06", max(3, args.runs // 2), lambda: run_escalations(Period.parse("2024-06"))
    )
    summary["monthly_report_ms"] = median_of(
        "report monthly 2024-03",
        max(3, args.runs // 2),
        lambda: write_monthly_docx(build_monthly(march), out),
    )
    command = [
        sys.executable,
        "-m",
        "fanzha",
        "ranking",
        "--period",
        "2024-03",
        "--level",
        "station",
        "--format",
        "json",
    ]
    summary["ranking_command_end_to_end_ms"] = median_of(
        "fanzha ranking (whole command)",
        max(3, args.runs // 2),
        lambda: subprocess.run(command, check=True, capture_output=True),
    )
    print(
        json.dumps(
            {"summary": {k: round(v, 1) if isinstance(v, float) else v for k, v in summary.items()}},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
