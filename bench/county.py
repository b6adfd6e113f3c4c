"""The everyday paths at county size and at 1M cases: importing a year of cases into a ledger that holds
years already, a one-month village ranking straight after that import, and the monthly report.

    python bench/county.py --db sqlite   [--runs 3]       # county: 3 years × 3,000 cases, ≈300 villages
    python bench/county.py --db postgres [--runs 3]
    python bench/county.py --db postgres --million [--runs 3]   # 1M cases, 4,000 villages (built once)

County: a fresh database, the generated county (`fanzha.demo.generator`, seed 1, years 2022–2025) and its
cases 2022–2024 (≈9,000, one timed first load), then each run imports the 2025 file (≈3,000 cases),
ranks the villages for 2025-03 (the first read after the import, then warm) and writes the 2025-03 Word
report; the run's cases are deleted again (untimed) before the next. --million: the base is bench/
governance.py's database (1M cases 2022–2024 written with COPY, 200 stations, 4,000 villages), copied
from `fanzha_bench_gov` when that exists; each run imports 3,000 cases of 2024 into it and ranks 2024-03.

Run it with PYTHONPATH pointing at the checkout to measure (this script imports nothing from its own).
Prints one JSON line per measurement and a summary of medians."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

import polars as pl

PG = "postgres://postgres@127.0.0.1:5432/{name}"


def psql(sql: str, database: str = "postgres") -> str:
    command = ["psql", "-tAq", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def timed(label: str, work, log: list) -> float:
    started = time.perf_counter()
    work()
    ms = (time.perf_counter() - started) * 1000
    log.append({"benchmark": label, "ms": round(ms, 1)})
    print(json.dumps(log[-1], ensure_ascii=False), flush=True)
    return ms


def county_files(out: Path) -> tuple[Path, Path, Path]:
    from fanzha.demo import generator

    county = generator.county(1, years=[2022, 2023, 2024, 2025])
    orgs = generator.write(generator.org_frame(county), out / "orgs.csv")
    frame = generator.cases(county, per_year=3000, seed=1, until=date(2026, 1, 1))
    year = pl.col("报案时间").str.slice(0, 4)
    base = generator.write(frame.filter(year != "2025"), out / "base.csv")
    one_year = generator.write(frame.filter(year == "2025"), out / "year.csv")
    return orgs, base, one_year


def million_file(out: Path, rows: int = 3000) -> Path:
    """3,000 cases of 2024 for governance.py's villages, numbered apart from its B-numbers."""
    rng = Random(3)
    moments = sorted(rng.random() * 365 * 86400 for _ in range(rows))
    frame = pl.DataFrame(
        {
            "案件编号": [f"Y{n:08d}" for n in range(rows)],
            "报案时间": [f"{datetime(2024, 1, 1) + timedelta(seconds=s):%Y-%m-%d %H:%M}" for s in moments],
            "发案地": [f"990V{rng.randrange(4000):05d}" for _ in range(rows)],
            "诈骗类型": [rng.choice(["刷单返利", "虚假投资理财", "冒充电商物流客服"]) for _ in range(rows)],
            "损失金额": [f"{rng.randint(100, 90000)}.00" for _ in range(rows)],
            "案件状态": ["立案"] * rows,
        }
    )
    path = out / "year-1m.csv"
    frame.write_csv(path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", default="fanzha_bench_county", help="PostgreSQL database (recreated)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="fanzha-county-"))
    os.environ["FANZHA_DATA_DIR"] = str(out)
    if args.db == "postgres":
        psql(f"DROP DATABASE IF EXISTS {args.database}")
        template = " TEMPLATE fanzha_bench_gov" if args.million else ""
        psql(f"CREATE DATABASE {args.database}{template}")
        os.environ["DATABASE_URL"] = PG.format(name=args.database)
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "fanzha.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from fanzha.assessment import month_cache
    from fanzha.assessment.models import Outcome
    from fanzha.assessment.ranking import build_ranking
    from fanzha.cases.importers import CaseImporter
    from fanzha.cases.models import Case
    from fanzha.core.periods import Period
    from fanzha.imports.orgs import OrgImporter
    from fanzha.imports.runner import run_import
    from fanzha.reports.monthly import build_monthly
    from fanzha.reports.word import write_monthly_docx

    try:
        from fanzha.parameters.levels import get_level
    except ImportError:  # a checkout from before the parameters floor
        from fanzha.assessment.levels import get_level

    call_command("migrate", verbosity=0)
    log: list[dict] = []
    summary: dict = {"db": args.db, "scale": "1M" if args.million else "county"}

    def load(path: Path, importer) -> None:
        result = run_import(importer, path)
        assert result.committed and not result.errors, result.errors[:3]

    if args.million:
        year = million_file(out)
        period = Period.parse("2024-03")
        month_cache.refresh()  # the base as users meet it: summarised
    else:
        orgs, base, year = county_files(out)
        load(orgs, OrgImporter(None))
        summary["first_load_3_years_ms"] = timed(
            "first load, 3 years", lambda: load(base, CaseImporter(None)), log
        )
        month_cache.refresh()
        period = Period.parse("2025-03")
    summary["cases_before_import"] = Case.objects.count()
    numbers = pl.read_csv(year, infer_schema=False)["案件编号"].to_list()
    summary["imported_rows"] = len(numbers)
    village = get_level("village")
    report = out / "report.docx"
    imports, firsts, warm, reports = [], [], [], []
    for _ in range(args.runs):
        imports.append(timed("import one year", lambda: load(year, CaseImporter(None)), log))
        firsts.append(timed("ranking after import", lambda: build_ranking(village, period), log))
        warm.extend(timed("ranking warm", lambda: build_ranking(village, period), log) for _ in range(3))
        reports.append(
            timed("monthly report", lambda: write_monthly_docx(build_monthly(period), report), log)
        )
        for start in range(0, len(numbers), 1000):  # untimed: back to the base for the next run
            batch = Case.objects.filter(case_number__in=numbers[start : start + 1000])
            Outcome.objects.filter(case__in=batch).delete()  # the report's escalations
            batch.delete()
        month_cache.refresh()
    command = [
        sys.executable,
        "-m",
        "fanzha",
        "report",
        "monthly",
        "--period",
        str(period),
        "--out",
        str(report),
    ]
    ends = [
        timed(
            "fanzha report (whole command)",
            lambda: subprocess.run(command, check=True, capture_output=True),
            log,
        )
        for _ in range(args.runs)
    ]
    summary |= {
        "import_ms": statistics.median(imports),
        "ranking_first_after_import_ms": statistics.median(firsts),
        "ranking_warm_ms": statistics.median(warm),
        "monthly_report_ms": statistics.median(reports),
        "report_command_ms": statistics.median(ends),
    }
    print(json.dumps({"summary": {k: round(v) if isinstance(v, float) else v for k, v in summary.items()}}))


if __name__ == "__main__":
    main()
