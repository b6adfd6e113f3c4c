"""Case list page on PostgreSQL with a million cases: first page and filtered pages, server time.

    python bench/case_list.py --cases-file bench/out/1m/cases.csv [--runs 7]
(loads the ledger into the database fanzha_bench_list once; later runs reuse it)
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
URL = "postgres://postgres@127.0.0.1:5432/fanzha_bench_list"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases-file", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ledger = Path(args.cases_file)
    env = dict(os.environ, DATABASE_URL=URL, FANZHA_DATA_DIR=tempfile.mkdtemp(prefix="fanzha-bench-"))
    exists = subprocess.run(
        [
            "psql",
            "-tA",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-c",
            "SELECT 1 FROM pg_database WHERE datname='fanzha_bench_list'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {args.database}"],
            check=True,
        )
        for args_ in (
            ["migrate"],
            ["import", "orgs", str(next(ledger.parent.glob("orgs.*")))],
            ["import", "cases", str(ledger)],
        ):
            subprocess.run(
                [sys.executable, "-m", "fanzha", *args_], env=env, check=True, stdout=subprocess.DEVNULL
            )
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database, "-c", "ANALYZE"],
            check=True,
        )
    subprocess.run([sys.executable, str(HERE / "_case_list_once.py"), str(args.runs)], env=env, check=True)


if __name__ == "__main__":
    main()
