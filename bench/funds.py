"""资金查控 at county-and-beyond scale (PostgreSQL).

    python bench/funds.py [--database fanzha_bench_funds] [--lines 10000000] [--accounts 2000000]
                          [--runs 9] [--import-rows 1000000] [--skip-import]

Builds the database once (reused while its line count matches): `--lines` statement lines over
`--accounts` accounts — half as many payments, each written twice as a bank would, once in the payer's
statement (out) and once in the payee's (in), 90 days of them — generated with polars and loaded with
COPY, then indexed. A victim's chain is planted (victim → 一级 → 3 二级 → 9 三级, with fan-out inside the
window), and the case's trace is timed three ways, each a median of `--runs`:

- `trace`: tracing.trace with the database fetch (funds/queries.fetch: one (account, time) range scan per
  account reached, plus an EXISTS for one that returns nothing) — the 3-hop trace of one victim;
- `ceiling`: the same range scans issued bare through the cursor, nothing else (the indexed-lookup floor);
- `memory`: tracing.trace over the same rows already in memory (the algorithm alone).

Then a 1M-line statement file (two-column 农行 layout, GB18030) is imported through services.import_statement
and compared with a bare COPY of the same file into a table of text columns."""

import argparse
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

from bench.governance import psql, start_django  # noqa: E402

BASE = datetime(2024, 1, 1)
VICTIM = "6299990000000000001"
PLANTED = 25  # lines of the planted chain


def account_number(index: int) -> str:
    return f"62{index:017d}"


def build(lines: int, accounts: int, seed: int = 11) -> None:
    import numpy as np
    import polars as pl
    from django.core.management import call_command
    from django.db import connection

    from fanzha.cases.models import Case, FraudType
    from fanzha.funds.models import Statement, Transfer
    from fanzha.imports.bulk import copy_frame
    from fanzha.orgs.models import OrgUnit

    call_command("migrate", verbosity=0)
    root = OrgUnit.objects.create(code="990000000000", name="基准县", kind="county")
    station = OrgUnit.objects.create(code="990S001", name="基准派出所", kind="station", parent=root)
    town = OrgUnit.objects.create(code="990001000", name="基准镇", kind="town", parent=root)
    village = OrgUnit.objects.create(
        code="990V00001", name="基准村", kind="village", parent=town, station=station
    )
    case = Case.objects.create(
        case_number="BENCH-FUNDS",
        reported_at=datetime(2024, 2, 1, 12).astimezone(),
        place=village,
        station=station,
        town=town,
        fraud_type=FraudType.objects.first(),
        loss_fen=5_000_000,
    )
    statement = Statement.objects.create(case=case, kind="transactions", filename="bench.csv")
    rng = np.random.default_rng(seed)
    payments = lines // 2
    started = time.perf_counter()
    table = connection.ops.quote_name(Transfer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} SET UNLOGGED")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE '%%pkey'",
            [Transfer._meta.db_table],
        )
        found = cursor.fetchall()
        definitions = [definition for _, definition in found]
        for name, _ in found:
            cursor.execute(f"DROP INDEX {name}")
        chunk = 1_000_000
        for first in range(0, payments, chunk):
            n = min(chunk, payments - first)
            payer = rng.integers(0, accounts, n)
            payee = (payer + rng.integers(1, accounts, n)) % accounts
            seconds = rng.integers(0, 90 * 86400, n)
            amount = rng.integers(100, 5_000_000, n)
            at = pl.Series(seconds).cast(pl.Int64) * 1_000_000 + int(BASE.timestamp() * 1_000_000)
            frame = pl.DataFrame(
                {
                    "payer": payer,
                    "payee": payee,
                    "at": pl.from_epoch(at, time_unit="us").dt.strftime("%Y-%m-%d %H:%M:%S+00:00"),
                    "amount": amount,
                }
            ).with_columns(
                pl.format("62{}", pl.col("payer").cast(pl.String).str.zfill(17)).alias("payer"),
                pl.format("62{}", pl.col("payee").cast(pl.String).str.zfill(17)).alias("payee"),
            )
            rows = pl.concat(
                [
                    frame.select(
                        pl.lit(statement.pk).alias("statement_id"),
                        pl.lit(2).alias("row"),
                        pl.col("payer").alias("account"),
                        "at",
                        pl.lit("out").alias("direction"),
                        pl.col("amount").alias("amount_fen"),
                        pl.col("payee").alias("counterparty"),
                    ),
                    frame.select(
                        pl.lit(statement.pk).alias("statement_id"),
                        pl.lit(2).alias("row"),
                        pl.col("payee").alias("account"),
                        "at",
                        pl.lit("in").alias("direction"),
                        pl.col("amount").alias("amount_fen"),
                        pl.col("payer").alias("counterparty"),
                    ),
                ]
            ).with_columns(
                *(
                    pl.lit("").alias(c)
                    for c in (
                        "holder",
                        "bank",
                        "counterparty_name",
                        "counterparty_bank",
                        "summary",
                        "serial",
                        "channel",
                        "device",
                    )
                ),
                pl.lit(0).alias("seq"),
                pl.lit(False).alias("cash"),
            )
            columns = ", ".join(rows.columns)
            copy_frame(cursor, table, columns, rows)
            print(
                json.dumps(
                    {
                        "step": "copy",
                        "lines": first * 2 + n * 2,
                        "seconds": round(time.perf_counter() - started, 1),
                    }
                ),
                flush=True,
            )
        _plant(cursor, table, statement.pk, case)
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute(f"ALTER TABLE {table} SET LOGGED")
        cursor.execute(f"ANALYZE {table}")
    print(
        json.dumps(
            {
                "step": "built",
                "lines": lines,
                "accounts": accounts,
                "seconds": round(time.perf_counter() - started, 1),
            }
        ),
        flush=True,
    )


def _plant(cursor, table: str, statement: int, case) -> None:
    """victim → 一级 (50,000) → 3 二级 (15,000 each, minutes apart) → 3 三级 each (4,000 each)."""
    from fanzha.funds.models import VictimTransfer

    start = datetime(2024, 2, 1, 10).astimezone()
    first = "6288880000000000001"
    rows = [(first, start, "in", 5_000_000, VICTIM)]
    for i in range(3):
        second = f"62888800000000001{i}0"
        moment = start + timedelta(minutes=5 + i)
        rows += [(first, moment, "out", 1_500_000, second), (second, moment, "in", 1_500_000, first)]
        for j in range(3):
            third = f"62888800000000002{i}{j}"
            later = moment + timedelta(minutes=10 + j)
            rows += [(second, later, "out", 400_000, third), (third, later, "in", 400_000, second)]
    for account, at, direction, amount, other in rows:
        cursor.execute(
            f"INSERT INTO {table} (statement_id, row, account, holder, bank, at, seq, direction, amount_fen, "
            "counterparty, counterparty_name, counterparty_bank, summary, serial, channel, device, cash) "
            "VALUES (%s, 2, %s, '', '', %s, 0, %s, %s, %s, '', '', '', '', '', '', false)",
            [statement, account, at, direction, amount, other],
        )
    VictimTransfer.objects.create(case=case, account=first, at=start, amount_fen=5_000_000)


def measure_trace(runs: int) -> dict:
    from django.db import connection

    from fanzha.cases.models import Case
    from fanzha.funds import queries, tracing

    case = Case.objects.get(case_number="BENCH-FUNDS")
    seeds = queries.seeds_of(case)
    rules = tracing.Rules(threshold=10_000)
    hops: list[dict] = []
    cache: dict = {}

    def recording(spans):
        hops.append(dict(spans))
        rows = queries.fetch(spans)
        cache.update(rows)
        return rows

    result = tracing.trace(seeds, recording, rules)
    figures = {
        "accounts_reached": len(result.accounts),
        "hops_read": len(hops),
        "accounts_read": sum(len(h) for h in hops),
        "levels": {k: v / 100 for k, v in result.level_amounts().items()},
    }
    timings = {"trace": [], "ceiling": [], "memory": [], "trace_case": []}
    columns = (
        "id, account, at, seq, direction, amount_fen, counterparty, counterparty_name, balance_fen, cash"
    )

    def in_memory(spans):
        return {
            a: [m for m in cache[a] if s <= m.at <= e] if cache[a] is not None else None
            for a, (s, e) in spans.items()
        }

    for _ in range(runs):
        began = time.perf_counter()
        tracing.trace(seeds, queries.fetch, rules)
        timings["trace"].append(time.perf_counter() - began)
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for spans in hops:  # the same index ranges, bare: one statement per hop, no ORM, no tracing
                first = min(start for start, _ in spans.values())
                last = max(end for _, end in spans.values())
                cursor.execute(
                    f"SELECT {columns} FROM funds_transfer WHERE account = ANY(%s) AND at >= %s AND at <= %s "
                    "ORDER BY account, at, seq, id",
                    [list(spans), first, last],
                )
                cursor.fetchall()
        timings["ceiling"].append(time.perf_counter() - began)
        began = time.perf_counter()
        tracing.trace(seeds, in_memory, rules)
        timings["memory"].append(time.perf_counter() - began)
        began = time.perf_counter()
        queries.trace_case(case)
        timings["trace_case"].append(time.perf_counter() - began)
    for name, values in timings.items():
        figures[f"{name}_ms"] = round(statistics.median(values) * 1000, 2)
    return figures


def statement_file(path: Path, rows: int, seed: int = 5) -> Path:
    """A 1M-line two-column statement (农行 layout), GB18030, 1,000 accounts, running balances."""
    rng = random.Random(seed)
    with path.open("w", encoding="gb18030", newline="") as handle:
        handle.write("中国农业银行账户交易明细\n")
        handle.write(
            "查询卡号,户名,交易日期,交易时间,借贷标志,交易金额,余额,对方账号,对方户名,摘要,交易流水号\n"
        )
        per_account = rows // 1000
        for a in range(1000):
            account = f"6277{a:015d}"
            balance = 1_000_000
            moment = BASE
            for i in range(per_account):
                moment += timedelta(seconds=rng.randint(1, 600))
                amount = rng.randint(100, 200_000)
                out = balance > amount and rng.random() < 0.5
                balance += -amount if out else amount
                handle.write(
                    f"{account},张三,{moment:%Y%m%d},{moment:%H%M%S},{'借' if out else '贷'},{amount / 100:.2f},"
                    f"{balance / 100:.2f},62{rng.randint(0, 10**17):017d},李四,转账,S{a:04d}{i:07d}\n"
                )
    return path


def measure_import(rows: int) -> dict:
    from django.db import connection

    from fanzha.cases.models import Case
    from fanzha.funds import services
    from fanzha.funds.models import Statement, Transfer

    folder = Path(tempfile.mkdtemp(prefix="fanzha-funds-bench-"))
    path = statement_file(folder / "statement.csv", rows)
    case = Case.objects.get(case_number="BENCH-FUNDS")
    began = time.perf_counter()
    outcome = services.import_statement(case, path, None, filename="bench-import.csv")
    imported = time.perf_counter() - began
    assert outcome.ok, outcome.errors[:3]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_funds_copy")
        cursor.execute(
            "CREATE TABLE bench_funds_copy (card text, holder text, day text, clock text, flag text, amount text, "
            "balance text, other text, other_name text, summary text, serial text)"
        )
        utf8 = folder / "utf8.csv"
        utf8.write_text(
            "\n".join(path.read_text(encoding="gb18030").splitlines()[2:]) + "\n", encoding="utf-8"
        )
        began = time.perf_counter()
        with (
            utf8.open("rb") as handle,
            cursor.cursor.copy("COPY bench_funds_copy FROM STDIN WITH (FORMAT csv)") as copy,
        ):
            while data := handle.read(1 << 20):
                copy.write(data)
        copied = time.perf_counter() - began
        cursor.execute("DROP TABLE bench_funds_copy")
    # leave the bench database as it was
    Transfer.objects.filter(statement=outcome.statement).delete()
    Statement.objects.filter(pk=outcome.statement.pk).delete()
    return {
        "rows": outcome.stored,
        "import_s": round(imported, 1),
        "import_rows_per_s": round(outcome.stored / imported),
        "bare_copy_s": round(copied, 1),
        "ratio": round(imported / copied, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="fanzha_bench_funds")
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--accounts", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-trace", action="store_true")
    args = parser.parse_args()
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'") == "1"
    count = psql("SELECT count(*) FROM funds_transfer", args.database) if exists else ""
    if count != str(args.lines + PLANTED):
        if exists:
            psql(f"DROP DATABASE {args.database}")
        psql(f"CREATE DATABASE {args.database}")
        start_django(args.database)
        build(args.lines, args.accounts)
    else:
        start_django(args.database)
    if not args.skip_trace:
        print(json.dumps({"step": "trace", **measure_trace(args.runs)}, ensure_ascii=False), flush=True)
    if not args.skip_import:
        print(
            json.dumps({"step": "import", **measure_import(args.import_rows)}, ensure_ascii=False), flush=True
        )


if __name__ == "__main__":
    main()
