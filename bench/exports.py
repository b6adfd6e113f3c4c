"""The case export (Excel and CSV) of a whole ledger: seconds from the request to the last byte.

    python bench/exports.py [--cases 100000] [--runs 3] [--db sqlite|postgres]
(generates and loads the ledger into bench/out/exports-<N>/ once; later runs reuse it)
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def psql(*args: str, database: str = "postgres") -> str:
    command = ["psql", "-tAq", "-h", "127.0.0.1", "-U", "postgres", "-d", database, *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    out = HERE / "out" / f"exports-{args.cases}"
    data = out / f"data-{args.db}"
    env = dict(os.environ, FANZHA_DATA_DIR=str(data))
    database = f"fanzha_bench_exports_{args.cases}"
    if args.db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
        loaded = bool(psql("-c", f"SELECT 1 FROM pg_database WHERE datname = '{database}'"))
    else:
        loaded = (data / "fanzha.sqlite3").exists() or any(data.glob("*.sqlite3"))

    def fanzha(*command):
        subprocess.run(
            [sys.executable, "-m", "fanzha", *command], env=env, check=True, stdout=subprocess.DEVNULL
        )

    if not loaded:
        if not (out / "cases.csv").exists():
            fanzha("generate", "--cases", str(args.cases), "--out", str(out))
        if args.db == "postgres":
            psql("-c", f"CREATE DATABASE {database}")
        fanzha("migrate")
        fanzha("import", "orgs", str(next(out.glob("orgs.*"))))
        fanzha("import", "cases", str(out / "cases.csv"))
        if args.db == "postgres":
            psql("-c", "VACUUM ANALYZE", database=database)
    subprocess.run([sys.executable, str(HERE / "_exports_once.py"), str(args.runs)], env=env, check=True)


if __name__ == "__main__":
    main()
