"""分级归类 over a whole ledger: re-deriving every case's grade (what a change of a `grading.*` rule
parameter does) and the per-station follow-through table, on the database the environment names.

    DATABASE_URL=… FANZHA_DATA_DIR=… python bench/grading.py [--period 2024] [--runs 5]

Use a county made by `fanzha demo` (9,000 cases over three years) or any restored ledger. Each run
first clears every grade, so the re-derivation writes every row. Prints one JSON line per run and the
medians."""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--period", default="2024")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
    django.setup()
    from fanzha.cases import grading
    from fanzha.cases.follow_through import station_table
    from fanzha.cases.models import Case

    cases = Case.objects.count()
    regrade, table = [], []
    for run in range(args.runs):
        Case.objects.update(grade=None)
        started = time.perf_counter()
        written = grading.regrade()
        regrade.append(time.perf_counter() - started)
        started = time.perf_counter()
        stations = len(station_table(None, args.period).rows)
        table.append(time.perf_counter() - started)
        print(
            json.dumps(
                {
                    "run": run,
                    "cases": cases,
                    "regraded": written,
                    "stations": stations,
                    "regrade_s": round(regrade[-1], 4),
                    "table_s": round(table[-1], 4),
                }
            )
        )
    print(
        f"{cases} cases: regrade all median {statistics.median(regrade) * 1000:.0f} ms; "
        f"follow-through table ({args.period}) median {statistics.median(table) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
