"""资金查控's actions: bring a statement in, record a victim's transfer, run a trace. Each derives, saves
and audits in one transaction; a file with any rejected row writes nothing. A trace by the county's
method keeps the case's 资金链 accounts (ChainAccount) and, when they changed, tells the apps above
(signals.chain_changed: 串并案 relinks the case)."""

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction

from fanzha.audit import log as audit
from fanzha.core import clock
from fanzha.funds import queries, rules, signals, statements, tracing
from fanzha.funds.models import (
    AccountHolder,
    ChainAccount,
    Statement,
    StatementKind,
    Transfer,
    VictimTransfer,
)
from fanzha.imports.bulk import insert_rows
from fanzha.imports.errors import RowError
from fanzha.parameters import config


@dataclass
class ImportOutcome:
    statement: Statement | None
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    stored: int = 0
    duplicates: int = 0
    unknown_headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "statement": self.statement.pk if self.statement else None,
            "rows": self.rows_read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "errors": [str(e) for e in self.errors],
            "notes": self.notes,
            "unknown_headers": self.unknown_headers,
        }


def _existing_keys(lines: list[statements.Line]) -> set[tuple]:
    """The keys of rows already stored for these accounts in the file's span (overlapping statements)."""
    if not lines:
        return set()
    accounts = sorted({line.account for line in lines})
    first = min(line.at for line in lines)
    last = max(line.at for line in lines)
    keys = set()
    fields = (
        "account",
        "serial",
        "at",
        "amount_fen",
        "direction",
        "balance_fen",
        "counterparty",
        "statement__filename",
        "row",
    )
    for row in Transfer.objects.filter(account__in=accounts, at__gte=first, at__lte=last).values_list(
        *fields
    ):
        account, serial, at, amount, direction, balance, counterparty, filename, number = row
        source = f"《{filename}》第{number}行"
        if serial:
            keys.add(((account, serial, at, amount), source))
        keys.add(((account, "", at, amount, direction, balance, counterparty), source))
    return keys


def import_statement(
    case,
    path: str | Path,
    user=None,
    filename: str = "",
    kind: str = StatementKind.TRANSACTIONS,
    account: str = "",
) -> ImportOutcome:
    """Read a 交易明细 or 开户信息 file for a case and store it, all or nothing."""
    filename = filename or Path(path).name
    if kind == StatementKind.OPENING:
        parsed = statements.parse_opening(path, filename)
    else:
        parsed = statements.parse_statement(path, filename, account)
    outcome = ImportOutcome(
        None, parsed.errors, parsed.notes, parsed.rows_read, unknown_headers=parsed.unknown_headers
    )
    if parsed.errors:
        outcome.errors = sorted(parsed.errors)
        return outcome
    if not parsed.lines:
        outcome.errors = [RowError(0, "", "文件中没有可导入的记录")]
        return outcome
    with transaction.atomic():
        if kind == StatementKind.OPENING:
            _store_holders(case, parsed, filename, user, outcome)
        else:
            _store_transfers(case, parsed, filename, user, outcome)
        audit.record_change(
            user,
            "import",
            outcome.statement,
            None,
            {"案件": case.case_number, "文件": filename, "入库": outcome.stored, "重复": outcome.duplicates},
        )
        retrace_through(case, outcome.statement.accounts.splitlines())
    return outcome


def _new_statement(case, kind, filename, user, accounts, parsed) -> Statement:
    return Statement.objects.create(
        case=case,
        kind=kind,
        filename=filename[:255],
        accounts="\n".join(accounts),
        rows_read=parsed.rows_read,
        imported_by=user if getattr(user, "is_authenticated", False) else None,
        imported_at=clock.now(),
    )


def _store_transfers(case, parsed, filename, user, outcome: ImportOutcome) -> None:
    existing = dict(_existing_keys(parsed.lines))
    seen: dict[tuple, str] = {}
    fresh = []
    for line in parsed.lines:
        key = line.key()
        source = existing.get(key) or seen.get(key)
        if source:
            outcome.duplicates += 1
            if outcome.duplicates <= 50:
                outcome.notes.append(f"第{line.row}行与{source}重复（流水号、时间、金额相同），未重复入库")
            continue
        seen[key] = f"本文件第{line.row}行"
        fresh.append(line)
    if outcome.duplicates > 50:
        outcome.notes.append(f"另有{outcome.duplicates - 50}行重复，未重复入库")
    accounts = sorted({line.account for line in parsed.lines})
    statement = _new_statement(case, StatementKind.TRANSACTIONS, filename, user, accounts, parsed)
    frame = pl.DataFrame(
        {
            "statement_id": [statement.pk] * len(fresh),
            "row": [line.row for line in fresh],
            "account": [line.account for line in fresh],
            "holder": [line.holder for line in fresh],
            "bank": [line.bank for line in fresh],
            "at": pl.Series([line.at for line in fresh], dtype=pl.Datetime("us", "Asia/Shanghai")),
            "seq": [line.seq for line in fresh],
            "direction": [line.direction for line in fresh],
            "amount_fen": [line.amount_fen for line in fresh],
            "balance_fen": pl.Series([line.balance_fen for line in fresh], dtype=pl.Int64),
            "counterparty": [line.counterparty for line in fresh],
            "counterparty_name": [line.counterparty_name for line in fresh],
            "counterparty_bank": [line.counterparty_bank for line in fresh],
            "summary": [line.summary for line in fresh],
            "serial": [line.serial for line in fresh],
            "channel": [line.channel for line in fresh],
            "device": [line.device for line in fresh],
            "cash": [line.cash for line in fresh],
        },
        schema_overrides={
            "statement_id": pl.Int64,
            "row": pl.Int64,
            "seq": pl.Int64,
            "amount_fen": pl.Int64,
            "cash": pl.Boolean,
        },
    )
    insert_rows(Transfer, frame)
    statement.rows_stored = outcome.stored = len(fresh)
    statement.duplicates = outcome.duplicates
    statement.notes = outcome.notes[:500]
    statement.save(update_fields=["rows_stored", "duplicates", "notes"])
    outcome.statement = statement


def _store_holders(case, parsed, filename, user, outcome: ImportOutcome) -> None:
    accounts = sorted({holder.account for holder in parsed.lines})
    statement = _new_statement(case, StatementKind.OPENING, filename, user, accounts, parsed)
    AccountHolder.objects.bulk_create(
        AccountHolder(
            statement=statement,
            row=h.row,
            account=h.account,
            bank=h.bank,
            name=h.name,
            id_number=h.id_number,
            opened_on=h.opened_on,
            branch=h.branch,
            status=h.status,
            phones=h.phones,
        )
        for h in parsed.lines
    )
    statement.rows_stored = outcome.stored = len(parsed.lines)
    statement.notes = outcome.notes[:500]
    statement.save(update_fields=["rows_stored", "notes"])
    outcome.statement = statement


def add_victim_transfer(
    case, user, *, account: str, at, amount_fen: int, bank: str = "", note: str = ""
) -> VictimTransfer:
    """Record where the victim's money went first (the seed of the trace)."""
    with transaction.atomic():
        seed = VictimTransfer.objects.create(
            case=case,
            account=statements.parse_account(account),
            bank=bank,
            at=at,
            amount_fen=amount_fen,
            note=note,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            created_at=clock.now(),
        )
        audit.record_change(
            user, "create", seed, None, audit.snapshot(seed, ("case", "account", "at", "amount_fen", "note"))
        )
        record_trace(case, queries.trace_case(case).trace)
    return seed


# --- 资金链 -----------------------------------------------------------------------------------------


def chain_of(trace: tracing.Trace) -> dict[str, tuple[int, int]]:
    """account → (level, the victims' money it received) of the accounts that link cases
    (rules.links_cases)."""
    return {
        s.account: (s.level, s.received)
        for s in trace.accounts.values()
        if rules.links_cases(
            s.level,
            trace.rules.hop_limit,
            s.received,
            s.stop == tracing.PAYMENT,
            s.stop == tracing.BELOW,
        )
    }


@transaction.atomic
def record_trace(case, trace: tracing.Trace) -> bool:
    """Keep the case's 资金链 accounts as this trace (by the county's method) found them; when they
    changed, send signals.chain_changed. → whether they changed."""
    found = chain_of(trace)
    stored = {
        a: (level, received)
        for a, level, received in ChainAccount.objects.filter(case=case).values_list(
            "account", "level", "received_fen"
        )
    }
    if found == stored:
        return False
    now = clock.now()
    ChainAccount.objects.filter(case=case).exclude(account__in=list(found)).delete()
    for account, (level, received) in found.items():
        if stored.get(account) != (level, received):
            ChainAccount.objects.update_or_create(
                case=case,
                account=account,
                defaults={"level": level, "received_fen": received, "traced_at": now},
            )
    signals.chain_changed.send(sender=ChainAccount, case_ids=[case.pk])
    return True


def run_trace(case, method: str | None = None) -> queries.CaseTrace:
    """A case's trace, as the page, the API and the command show it; a trace by the county's method
    (规则参数 funds.method) also updates the case's 资金链 accounts."""
    result = queries.trace_case(case, method)
    if result.trace.rules.method == config.current()["funds.method"]:
        record_trace(case, result.trace)
    return result


def retrace_through(case, accounts: list[str]) -> None:
    """A statement came in for these accounts: the case's trace, and that of every case whose 资金链
    went through them (a statement imported for one case may carry another's money further), are
    run again."""
    cases = {case.pk: case}
    for chained in ChainAccount.objects.filter(account__in=accounts).select_related("case"):
        cases.setdefault(chained.case_id, chained.case)
    for pk in sorted(cases):
        record_trace(cases[pk], queries.trace_case(cases[pk]).trace)
