"""Case list page on PostgreSQL with a million cases: first page and filtered pages, server time.

    python bench/case_list.py --cases-file bench/out/1m/cases.csv [--database fanzha_bench_list] [--runs 7]
(loads the ledger into the database once when it does not exist; later runs reuse it)
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def psql(*args: str, database: str = "postgres") -> str:
    command = ["psql", "-tAq", "-h", "127.0.0.1", "-U", "postgres", "-d", database, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases-file", required=True)
    parser.add_argument("--database", default="fanzha_bench_list")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ledger = Path(args.cases_file)
    env = dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        FANZHA_DATA_DIR=tempfile.mkdtemp(prefix="fanzha-bench-"),
    )
    if not psql("-c", f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'"):
        psql("-c", f"CREATE DATABASE {args.database}")
        orgs = next(ledger.parent.glob("orgs.*"))
        for command in (["migrate"], ["import", "orgs", str(orgs)], ["import", "cases", str(ledger)]):
            subprocess.run(
                [sys.executable, "-m", "fanzha", *command], env=env, check=True, stdout=subprocess.DEVNULL
            )
        psql("-c", "VACUUM ANALYZE", database=args.database)  # the steady state autovacuum reaches
    subprocess.run([sys.executable, str(HERE / "_case_list_once.py"), str(args.runs)], env=env, check=True)


if __name__ == "__main__":
    main()
