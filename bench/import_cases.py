"""Import a generated case ledger into a fresh database, several times; report the median rate.

python bench/import_cases.py --db sqlite|postgres --file bench/out/1m/cases.csv [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG = "postgres://postgres@127.0.0.1:5432/{name}"


def fanzha(env, *args):
    subprocess.run([sys.executable, "-m", "fanzha", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def fresh_env(db: str, run: int) -> dict:
    env = dict(os.environ, FANZHA_DATA_DIR=tempfile.mkdtemp(prefix="fanzha-bench-"))
    if db == "postgres":
        name = f"fanzha_bench_{run}"
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True)
        env["DATABASE_URL"] = PG.format(name=name)
    else:
        env.pop("DATABASE_URL", None)
    return env


def once(script: str, ledger: Path, env: dict) -> dict:
    """Run one measurement script of this folder on the ledger file in a fresh process; → its JSON line."""
    out = subprocess.run(
        [sys.executable, str(HERE / script), str(ledger)], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--orgs", help="org file (default: orgs.* beside the ledger)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ledger = Path(args.file)
    orgs = Path(args.orgs) if args.orgs else next(ledger.parent.glob("orgs.*"))
    results = []
    for run in range(args.runs):
        env = fresh_env(args.db, run)
        fanzha(env, "migrate")
        fanzha(env, "import", "orgs", str(orgs))
        results.append(once("_import_once.py", ledger, env))
        print(json.dumps({"run": run + 1, "db": args.db, **results[-1]}), flush=True)
    print(
        json.dumps(
            {
                "db": args.db,
                "file": ledger.name,
                "runs": args.runs,
                "median_rows_per_s": statistics.median(r["rows_per_s"] for r in results),
                "median_seconds": statistics.median(r["seconds"] for r in results),
                "max_peak_mib": max(r["peak_mib"] for r in results),
            }
        )
    )


if __name__ == "__main__":
    main()
