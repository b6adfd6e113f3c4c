"""Running an import: read → map headers → validate every row → write, all or nothing.

By default an import is atomic: if any row is rejected, nothing is written (every row is still
validated, so the user gets every error at once). With `partial`, valid rows are written and the
rejected ones reported. A crash or an interruption rolls the whole transaction back.

Writes are plain batched INSERTs and model saves inside the import's one transaction, with every
table's constraints, indexes and triggers in place; an import that commits sends `signals.imported`
just before, so that what is derived from a ledger (the rankings' monthly summary) follows in the same
transaction.

`dry_run` (the preview, `--dry-run`) only reads the ledger: every row is checked and each importer's
plan() counts what write() would create or update, with no write, no DDL and no write lock — checking a
file must never hold up the people working in the ledger. The database enforces it: a read-only
transaction on PostgreSQL, `PRAGMA query_only` on SQLite (outside any transaction, since a SQLite
transaction here begins IMMEDIATE, i.e. with the write lock)."""

import logging
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.imports.errors import FileError, RowError
from fanzha.imports.headers import alias_table, map_headers, normalize_header
from fanzha.imports.models import ImportBatch, ImportJob
from fanzha.imports.readers import Sheet, read_table
from fanzha.imports.signals import imported
from fanzha.imports.synonyms import synonym_table
from fanzha.imports.totals import TOTALS_NOTE, totals_rows
from fanzha.imports.workbook import write_error_workbook
from fanzha.parameters import config

logger = logging.getLogger(__name__)
CHUNK_ROWS = 100_000
MAX_STORED_ERRORS = 1000

Progress = Callable[[int, int], None]


@dataclass
class Columns:
    """Where each canonical column sits in the sheet, and how the user's file names it."""

    index: dict[str, int]
    headers: list[str]

    def has(self, canonical: str) -> bool:
        return canonical in self.index

    def cell(self, canonical: str) -> pl.Expr:
        if canonical in self.index:
            return pl.col(f"c{self.index[canonical]}")
        return pl.lit(None, dtype=pl.String)

    def header(self, canonical: str) -> str:
        return self.headers[self.index[canonical]] if canonical in self.index else canonical


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: "Counts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class ImportResult:
    kind: str
    filename: str
    total: int = 0
    counts: Counts = field(default_factory=Counts)
    errors: list[RowError] = field(default_factory=list)
    #: remarks on rows that were kept or skipped, not rejected (a wrong check digit, a 合计 row)
    warnings: list[RowError] = field(default_factory=list)
    warning_total: int = 0  # len(warnings), kept when a job keeps only the first ones
    error_total: int = 0  # len(errors), kept when a job keeps only the first errors
    rejected_rows: int = 0
    unknown_headers: list[str] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    partial: bool = False
    preview: list[dict] = field(default_factory=list)
    batch: ImportBatch | None = None
    error_workbook: Path | None = None
    notes: list[str] = field(default_factory=list)  # what the apps told of the written rows

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def valid_rows(self) -> int:
        """The rows that would be (or were) imported: created, updated or unchanged."""
        return self.counts.created + self.counts.updated + self.counts.unchanged

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "file": self.filename,
            "rows": self.total,
            "created": self.counts.created,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "rejected": self.rejected_rows,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "unknown_headers": self.unknown_headers,
            "errors": [e.as_dict() | {"text": str(e)} for e in self.errors],
            "warnings": [e.as_dict() | {"text": str(e)} for e in self.warnings],
            "error_workbook": str(self.error_workbook) if self.error_workbook else None,
            "batch": self.batch.pk if self.batch else None,
            "notes": self.notes,
        }


class Importer(ABC):
    """One kind of import. Subclasses declare their columns and implement validate() and write()."""

    kind: str
    #: canonical header → other spellings met in ledgers
    headers: dict[str, list[str]]
    required_headers: tuple[str, ...] = ()
    #: rows validated and written at a time; an importer whose rows refer to each other reads all at once
    chunk_rows: int = CHUNK_ROWS

    #: set by run_import: a dry run only reads (plan() is called, not write())
    dry_run: bool = False
    #: canonical header of a choice column → its choices (TextChoices): the columns whose words a
    #: centre may add synonyms for (imports/synonyms.py)
    choice_columns: dict[str, type] = {}
    #: set by run_import before prepare(): canonical header → {normalized word → choice value}
    synonyms: dict[str, dict[str, str]] = {}
    #: set by run_import: a wrong ID check digit is a remark on a kept row (规则参数 imports.id_check_digit)
    id_check_warns: bool = True
    #: sentences for the import's summary, set by finish() (e.g. from the apps told of the rows)
    notes: tuple[str, ...] = ()

    def __init__(self, user):
        self.user = user

    def prepare(self) -> None:  # noqa: B027 - optional hook
        """Load lookups (org units, types) once per import."""

    def begin(self) -> None:  # noqa: B027 - optional hook
        """Inside the import's transaction, before the first chunk."""

    def finish(self) -> None:  # noqa: B027 - optional hook
        """Inside the import's transaction, after the last chunk: tell the apps above of the rows
        written and keep what they answer in `notes`."""

    @abstractmethod
    def validate(self, chunk: pl.DataFrame, columns: Columns) -> tuple[pl.DataFrame, list[RowError]]:
        """→ (the chunk with parsed value columns added, the errors of its rows). Runs in a worker
        thread while the previous chunk is written: it must not touch the database."""

    def check_in_db(self, parsed: pl.DataFrame, columns: Columns) -> list[RowError]:
        """Row checks that need the database (run in the importing thread, after validate())."""
        return []

    @abstractmethod
    def write(self, valid: pl.DataFrame) -> Counts:
        """Write the valid rows of one chunk; → what became of them."""

    @abstractmethod
    def plan(self, valid: pl.DataFrame) -> Counts:
        """What write() would make of these rows, found by reading only (a dry run): no INSERT,
        UPDATE, DELETE or DDL, not even into a temporary table."""

    def preview(self, valid: pl.DataFrame, limit: int) -> list[dict]:
        return []

    def choice_mapping(self, header: str, mapping: dict[str, str]) -> dict[str, str]:
        """A choice column's words (`mapping`) with the centre's synonyms for it."""
        return {**mapping, **self.synonyms.get(header, {})}

    def id_warning(self, name: str) -> dict:
        """The keyword id_number_stages takes for the value column `name`: where a wrong check digit
        goes when the county reads it as a remark (the column `w_<name>`), else nothing."""
        return {"warning": f"w_{name}"} if self.id_check_warns else {}


class _Rollback(Exception):
    pass


def error_dir() -> Path:
    """Where error workbooks go (the file's own rows: this account's only)."""
    path = Path(settings.MEDIA_ROOT) / "import-errors"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def column_errors(
    chunk: pl.DataFrame, error_columns: dict[str, str], columns: Columns, warning: bool = False
) -> list[RowError]:
    """Collect RowErrors from error columns named {column name in frame: canonical}: the rows with any
    error are picked in one pass (most chunks have none), then their error columns stacked. With
    `warning`, they are remarks (the columns that are absent from the frame are left out)."""
    if warning:
        error_columns = {name: header for name, header in error_columns.items() if name in chunk.columns}
    if not error_columns:
        return []
    names = list(error_columns)
    stacked = (
        chunk.filter(pl.any_horizontal(pl.col(names).is_not_null()))
        .select("_row", pl.col(names).cast(pl.String))
        .unpivot(index="_row", variable_name="column", value_name="message")
        .drop_nulls("message")
    )
    headers = {name: columns.header(canonical) for name, canonical in error_columns.items()}
    return [RowError(row, headers[name], message, warning) for row, name, message in stacked.iter_rows()]


def run_import(
    importer: Importer,
    path: str | Path,
    *,
    partial: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    filename: str | None = None,
    preview_rows: int = 0,
    job: ImportJob | None = None,
) -> ImportResult:
    """Import `path` (see the module's docstring). An import that commits writes its ImportBatch (linked
    to `job`, when it runs as one) and its audit record in the same transaction as its rows."""
    path = Path(path)
    result = ImportResult(
        kind=importer.kind, filename=filename or path.name, partial=partial, dry_run=dry_run
    )
    table = alias_table(importer.kind, importer.headers)
    sheet = None
    try:
        sheet = read_table(path, set(table))
        columns = _map_columns(sheet, table, importer, result)
    except FileError as exc:
        if sheet is not None:
            sheet.close()
        result.errors.append(RowError(0, "", str(exc)))
        _finish(importer, result, None, sheet=None, job=job)
        return result

    importer.synonyms = synonym_table(importer.kind)
    importer.id_check_warns = config.current()["imports.id_check_digit"] == "warn"
    importer.prepare()
    result.total = sheet.total
    rejected_parts: list[pl.DataFrame] = []
    batches = sheet.batches(importer.chunk_rows)

    def next_validated():
        chunk = next(batches, None)
        if chunk is None:
            return None
        totals = totals_rows(chunk)  # a 合计 row is no record: skipped with a remark
        skipped = [RowError(row, "", TOTALS_NOTE, warning=True) for row in totals]
        if totals:
            chunk = chunk.filter(~pl.col("_row").is_in(totals))
        parsed, errors = importer.validate(chunk, columns)
        return chunk, parsed, errors + skipped

    importer.dry_run = dry_run
    try:
        with _transaction(dry_run), ThreadPoolExecutor(max_workers=1) as worker:
            importer.begin()
            pending = worker.submit(next_validated)  # the next batch is read and checked while one is written
            done = 0
            while (item := pending.result()) is not None:
                chunk, parsed, errors = item
                pending = worker.submit(next_validated)
                errors = errors + importer.check_in_db(parsed, columns)
                remarks = [e for e in errors if e.warning]
                errors = [e for e in errors if not e.warning]
                rejected_now = {e.row for e in errors}
                result.warnings.extend(e for e in remarks if e.row not in rejected_now)
                if errors:
                    result.errors.extend(errors)
                    bad_rows = list({e.row for e in errors})
                    rejected = chunk.filter(pl.col("_row").is_in(bad_rows))
                    rejected_parts.append(rejected)
                    result.rejected_rows += rejected.height
                    parsed = parsed.filter(~pl.col("_row").is_in(bad_rows))
                if preview_rows and len(result.preview) < preview_rows:
                    result.preview.extend(importer.preview(parsed, preview_rows - len(result.preview)))
                if dry_run:  # a dry run counts every valid row
                    result.counts.add(importer.plan(parsed))
                elif partial or not result.errors:
                    result.counts.add(importer.write(parsed))
                done += chunk.height
                if progress:
                    progress(done, sheet.total)
            importer.finish()
            result.notes = list(importer.notes)
            result.total = done  # the sheet's total is an estimate for CSV; this is the count
            if dry_run or (result.errors and not partial):
                raise _Rollback
            result.committed = True
            result.errors.sort()
            result.warnings.sort()
            _finish(importer, result, _concat(rejected_parts), sheet=sheet, job=job)
            imported.send(sender=type(importer), kind=importer.kind)
    except FileError as exc:  # a malformed line met mid-file: everything written so far is rolled back
        result.errors.append(RowError(0, "", str(exc)))
        result.committed, result.batch = False, None
    except IntegrityError as exc:  # the database refused a row checked before (someone wrote it meanwhile)
        logger.warning("import refused by the database: %s", exc)  # its detail may quote key values
        result.errors.append(
            RowError(
                0,
                "",
                "写入时与数据库中已有的数据冲突（可能有人同时录入或导入了相同的记录），已全部撤销，请重新导入",
            )
        )
        result.committed, result.batch = False, None
    except _Rollback:
        pass
    finally:
        sheet.close()
    if not result.committed:  # recorded after the rollback: what was refused, and why
        result.errors.sort()
        result.warnings.sort()
        _finish(importer, result, _concat(rejected_parts), sheet=sheet, job=job)
    return result


def _concat(parts: list[pl.DataFrame]) -> pl.DataFrame | None:
    return pl.concat(parts) if parts else None


@contextmanager
def _transaction(dry_run: bool) -> Iterator[None]:
    """The import's transaction; for a dry run, a read-only one that takes no write lock."""
    if not dry_run:
        with transaction.atomic():
            yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION READ ONLY")
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


def _map_columns(sheet: Sheet, table: dict[str, str], importer: Importer, result: ImportResult) -> Columns:
    index, unknown, duplicated = map_headers(sheet.headers, table)
    result.unknown_headers = unknown
    if duplicated:
        raise FileError("这些列出现了不止一次：" + "、".join(sorted(set(duplicated))))
    missing = [h for h in importer.required_headers if h not in index]
    if missing:
        known = "、".join(h for h in sheet.headers if normalize_header(h))
        raise FileError(f"缺少必需的列：{'、'.join(missing)}（文件中的列：{known}）")
    return Columns(index=index, headers=sheet.headers)


def _finish(
    importer: Importer,
    result: ImportResult,
    rejected: pl.DataFrame | None,
    sheet: Sheet | None,
    job: ImportJob | None,
) -> None:
    result.error_total = len(result.errors)
    result.warning_total = len(result.warnings)
    if result.errors and rejected is not None and rejected.height and sheet is not None:
        name = f"{timezone.localtime():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}-错误标注.xlsx"
        result.error_workbook = write_error_workbook(
            error_dir() / name, sheet.headers, rejected, result.errors
        )
        result.error_workbook.chmod(0o600)  # the file's own rows: personal data
    if result.dry_run:
        return
    if result.committed:
        status = ImportBatch.Status.PARTIAL if result.errors else ImportBatch.Status.DONE
    else:
        status = ImportBatch.Status.REJECTED
    user = importer.user if getattr(importer.user, "is_authenticated", False) else None
    batch = ImportBatch.objects.create(
        kind=importer.kind,
        filename=result.filename[:255],
        user=user,
        partial=result.partial,
        status=status,
        finished_at=timezone.now(),
        rows_total=result.total,
        rows_created=result.counts.created if result.committed else 0,
        rows_updated=result.counts.updated if result.committed else 0,
        rows_unchanged=result.counts.unchanged if result.committed else 0,
        rows_rejected=result.rejected_rows,
        errors=[e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]],
        warnings=[e.as_dict() for e in result.warnings[:MAX_STORED_ERRORS]],
        error_workbook=result.error_workbook.name if result.error_workbook else "",
        notes=result.notes if result.committed else [],
        job=job,
    )
    result.batch = batch
    if result.committed and (result.counts.created or result.counts.updated):
        summary = {"新增": result.counts.created, "更新": result.counts.updated, "文件": result.filename}
        audit.record_change(user, "import", batch, None, summary)
