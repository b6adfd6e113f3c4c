"""A declarative base for the simpler ledgers' imports (visits, activities, registrations, warnings,
key persons): the importer lists its fields once — header, parser, required — and gets vectorised
validation, 第N行「列名」 errors, the scope check and duplicate-key detection within the file."""

from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime, timedelta

import polars as pl
from django.utils import timezone

from fanzha.core.idcard import id_number_stages
from fanzha.core.stages import run_stages
from fanzha.core.text import normalize
from fanzha.imports import cells
from fanzha.imports.errors import RowError
from fanzha.imports.runner import Columns, Importer, column_errors
from fanzha.orgs.lookups import org_keys
from fanzha.orgs.models import OrgUnit

EARLIEST = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Field:
    name: str  # the value column is v_<name>
    header: str  # canonical header
    parser: object  # a cells/core parser: (source, value, error, *args) -> Stages
    args: tuple = ()
    required: bool = False


def choice_map(choices, aliases: dict[str, str] | None = None) -> dict[str, str]:
    mapping = {normalize(label): value for value, label in choices.choices}
    mapping.update({normalize(value): value for value in choices.values})
    mapping.update({normalize(k): v for k, v in (aliases or {}).items()})
    return mapping


class LedgerImporter(Importer):
    #: the value columns that name an org unit the user's scope must cover (any one suffices)
    scope_columns: tuple[str, ...] = ()
    #: value columns that together identify a row (duplicates within the file are errors)
    key_columns: tuple[str, ...] = ()

    @abstractmethod
    def fields(self) -> list[Field]:
        """The columns of this ledger, each once: header, parser, arguments, required."""

    def cross_checks(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, str]]:
        """→ the frame with extra error columns, and {error column: canonical header}."""
        return frame, {}

    def prepare(self) -> None:
        user = self.user
        self.unrestricted = (
            user is None or user.is_superuser or (user.org is not None and user.org.parent_id is None)
        )
        # the units the user may write to: their subtree and, for a station, the villages it covers
        self.scope_ids = (
            set() if self.unrestricted else set(OrgUnit.objects.visible_to(user).values_list("id", flat=True))
        )
        self.seen_keys: dict[tuple, int] = {}

    @staticmethod
    def orgs(queryset):
        return org_keys(queryset)

    def recorded_columns(self) -> list[pl.Expr]:
        """created_at and created_by_id of the rows this import writes: now, and who imports."""
        return [
            pl.lit(timezone.now()).alias("created_at"),
            pl.lit(getattr(self.user, "pk", None), dtype=pl.Int64).alias("created_by_id"),
        ]

    @staticmethod
    def now_limit() -> datetime:
        return timezone.localtime().replace(tzinfo=None) + timedelta(minutes=5)

    def validate(self, chunk: pl.DataFrame, columns: Columns) -> tuple[pl.DataFrame, list[RowError]]:
        parsers, headers, remarks = [], {}, {}
        for field in self.fields():
            args, options = field.args, {}
            if field.parser is cells.choice:  # the column's words and the centre's synonyms
                args = (self.choice_mapping(field.header, args[0]), *args[1:])
            if field.parser is id_number_stages:
                options = self.id_warning(field.name)
                remarks[f"w_{field.name}"] = field.header
            parser = field.parser(
                columns.cell(field.header), f"v_{field.name}", f"e_{field.name}", *args, **options
            )
            if field.required:
                cells.required(parser, columns.cell(field.header))
            parsers.append(parser)
            headers[f"e_{field.name}"] = field.header

        frame = run_stages(chunk, parsers)
        frame, extra = self.cross_checks(frame)
        errors = column_errors(frame, headers, columns) + column_errors(frame, extra, columns)
        errors += self._scope_errors(frame, columns)
        errors += self._duplicate_errors(frame, columns)
        errors += column_errors(frame, remarks, columns, warning=True)
        return frame, errors

    def preview(self, valid: pl.DataFrame, limit: int) -> list[dict]:
        """The first valid rows as the import read them: {"row": N, "cells": [(header, value), …]}; a
        looked-up record is shown by its 镇/村 path, else its name, else its code."""
        fields = self.fields()
        shown = {f.name: _display_keys(f.args[0]) for f in fields if f.parser is cells.lookup and f.args}
        rows = []
        for record in valid.head(limit).iter_rows(named=True):
            values = []
            for f in fields:
                value = record.get(f"v_{f.name}")
                if f.name in shown and value is not None:
                    value = shown[f.name].get(value, value)
                values.append((f.header, "" if value is None else value))
            rows.append({"row": record["_row"], "cells": values})
        return rows

    def _scope_errors(self, frame: pl.DataFrame, columns: Columns) -> list[RowError]:
        if self.unrestricted or not self.scope_columns:
            return []
        scope = list(self.scope_ids)
        inside = pl.any_horizontal([pl.col(f"v_{c}").is_in(scope) for c in self.scope_columns])
        given = pl.any_horizontal([pl.col(f"v_{c}").is_not_null() for c in self.scope_columns])
        bad = frame.filter(given & ~inside).select("_row")
        header = columns.header(self._header_of(self.scope_columns[0]))
        return [RowError(row, header, "不在您的管辖范围内") for (row,) in bad.iter_rows()]

    def _header_of(self, name: str) -> str:
        return next(f.header for f in self.fields() if f.name == name)

    def _duplicate_errors(self, frame: pl.DataFrame, columns: Columns) -> list[RowError]:
        if not self.key_columns:
            return []
        header = columns.header(self._header_of(self.key_columns[-1]))
        errors = []
        for row, *key in frame.select("_row", *(f"v_{c}" for c in self.key_columns)).iter_rows():
            if any(part is None or part == "" for part in key):
                continue
            first = self.seen_keys.setdefault(tuple(key), row)
            if first != row:
                errors.append(RowError(row, header, f"与第{first}行重复"))
        return errors


def _display_keys(keys: dict) -> dict:
    """id → how to show it, from a lookup table (key → id): a 上级/名称 path, else a name, else a code."""

    def rank(key: str) -> int:
        return 0 if key.count("/") == 1 else 1 if not key.isascii() else 2

    best: dict = {}
    for key, value in keys.items():
        if value not in best or rank(key) < rank(best[value]):
            best[value] = key
    return best
