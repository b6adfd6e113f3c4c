"""Imports of the smaller prevention ledgers at province scale: activities, App registrations and key
persons (PostgreSQL by default).

    python bench/small_ledgers.py [--database fanzha_bench_small] [--rows 100000] [--runs 3]

Each run makes a new database with the province's org tree (bench/prevention.py: 4,000 villages, 200
stations), imports one file of `rows` rows of each ledger into it (a first load), then the same file
again (every row already there). Prints one JSON line per import and the medians in rows per second."""

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from governance import psql, start_django  # noqa: E402
from prevention import VILLAGES, build  # noqa: E402


def id_number(n: int) -> str:
    from fanzha.core.idcard import check_char

    first = f"361123{date(1950, 1, 1) + timedelta(days=n // 500):%Y%m%d}{n % 500:03d}"
    return first + check_char(first)


def rows_of(kind: str, n: int, activity_kinds: list[str]) -> list:
    village = f"880V{n % VILLAGES:05d}"
    if kind == "activities":
        day = date(2024, 1, 1) + timedelta(days=n % 300)
        return [f"HD{n}", activity_kinds[n % len(activity_kinds)], village, day.isoformat(), f"广场{n}", 50]
    if kind == "registrations":  # one count per village and day
        return [
            village,
            "国家反诈中心",
            (date(2024, 1, 1) + timedelta(days=n // VILLAGES)).isoformat(),
            n % 500,
        ]
    return ["张某", id_number(n), "涉诈嫌疑人员", village, "2024-01-05", f"13{n:09d}"]


HEADERS = {
    "activities": ["活动编号", "活动类型", "组织单位", "日期", "地点", "受众人数"],
    "registrations": ["单位", "工具", "截至日期", "累计注册数"],
    "keypersons": ["姓名", "身份证号", "类别", "居住村/社区", "列管日期", "联系电话"],
}


def write(path: Path, kind: str, rows: int, activity_kinds: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS[kind])
        writer.writerows(rows_of(kind, n, activity_kinds) for n in range(rows))
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="fanzha_bench_small")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start_django(args.database)
    from django.db import connection

    from fanzha.imports.registry import importer_class
    from fanzha.imports.runner import run_import
    from fanzha.prevention.models import ActivityKind

    folder = Path(tempfile.mkdtemp())
    rates: dict[str, list[float]] = {}
    for _ in range(args.runs):
        connection.close()
        psql(f"DROP DATABASE IF EXISTS {args.database}")
        psql(f"CREATE DATABASE {args.database}")
        build(filled=False)
        activity_kinds = list(ActivityKind.objects.values_list("name", flat=True))
        for kind in HEADERS:
            path = write(folder / f"{kind}.csv", kind, args.rows, activity_kinds)
            for load in ("first load", "again"):
                started = time.perf_counter()
                result = run_import(importer_class(kind)(None), path)
                seconds = time.perf_counter() - started
                expected = result.counts.created if load == "first load" else result.counts.unchanged
                assert result.committed and expected == args.rows, result.as_dict()["errors"][:3]
                label = f"import {kind}, {load}"
                rates.setdefault(label, []).append(args.rows / seconds)
                print(json.dumps({"benchmark": label, "rows": args.rows, "seconds": round(seconds, 2)}))
    connection.close()
    psql(f"DROP DATABASE {args.database}")
    summary = {label: round(statistics.median(values)) for label, values in rates.items()}
    print(json.dumps({"rows_per_s (median)": summary}, ensure_ascii=False))


if __name__ == "__main__":
    main()
