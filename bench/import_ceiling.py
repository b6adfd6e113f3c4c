"""Where a case import's time goes, and the most this machine's database takes of the same rows: each
step of an import timed on its own (validation, the case rows, the suspect identifiers, rebuilding the
indexes) and the validated case rows written into a plain table with no index, trigger or constraint.

python bench/import_ceiling.py --db sqlite|postgres --file bench/out/300k/cases.csv [--runs 3]
"""

import argparse
import json
import statistics
from pathlib import Path

from import_cases import fanzha, fresh_env, once


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ledger = Path(args.file)
    env = fresh_env(args.db, 0)
    fanzha(env, "migrate")
    fanzha(env, "import", "orgs", str(next(ledger.parent.glob("orgs.*"))))
    results = []
    for run in range(args.runs):
        results.append(once("_ceiling_once.py", ledger, env))
        print(json.dumps({"run": run + 1, "db": args.db, **results[-1]}), flush=True)
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    print(json.dumps({"db": args.db, "file": ledger.name, "runs": args.runs, "median": medians}))


if __name__ == "__main__":
    main()
