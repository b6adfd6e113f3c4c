"""Bulk reads and writes for imports: which keys a ledger holds already (one query for a whole chunk),
and new rows in batched INSERTs through the ORM (inside the import's transaction, so a failure leaves
nothing; constraints, indexes and triggers stay in place, and ids come from the database)."""

import json

import polars as pl
from django.db import connection, models

from fanzha.imports.arrays import array_literal

IN_BATCH = 20_000  # below SQLite's and PostgreSQL's limits on bound parameters


def rows_by(model, field: str, values: list, columns: tuple[str, ...]) -> list[tuple]:
    """(field value, *columns) of the rows whose `field` is among `values`: one query with a single array
    (PostgreSQL) or JSON (SQLite) parameter — building 20,000 bound parameters costs more than the query."""
    if not values:
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.get_field(field).column)
    wanted = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            kind = _pg_type(model._meta.get_field(field))
            cursor.execute(
                f"SELECT {key}, {wanted} FROM {table} WHERE {key} = ANY(%s::{kind}[])",
                [array_literal(values)],
            )
        else:
            cursor.execute(
                f"SELECT {key}, {wanted} FROM {table} WHERE {key} IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(values), ensure_ascii=False)],
            )
        return cursor.fetchall()


def existing_ids(model, field: str, values: list) -> dict:
    """value → id for the values of `field` that already exist (one query, see rows_by)."""
    return dict(rows_by(model, field, values, ("id",)))


def visible_values(queryset: models.QuerySet, field: str, values: list) -> set:
    """The values of `field` among `values` that this (scoped) queryset contains."""
    found: set = set()
    for start in range(0, len(values), IN_BATCH):
        found.update(
            queryset.filter(**{f"{field}__in": values[start : start + IN_BATCH]}).values_list(
                field, flat=True
            )
        )
    return found


#: rows per INSERT statement (Django lowers it further where the database's parameter limit requires)
INSERT_BATCH = 2000


def insert_rows(model, frame: pl.DataFrame) -> list[int]:
    """Insert every row of `frame` (columns named as model fields, foreign keys as name_id) with the
    ORM's batched INSERT statements, inside the caller's transaction, the tables' constraints, indexes
    and triggers in place; → the new rows' ids in frame order, as the database handed them out (a
    sequence on PostgreSQL, AUTOINCREMENT on SQLite: a deleted row's id is never given out again)."""
    if frame.height == 0:
        return []
    names = frame.columns
    rows = [model(**dict(zip(names, values, strict=True))) for values in frame.iter_rows()]
    model.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    return [row.pk for row in rows]


def _pg_type(field) -> str:
    internal = field.get_internal_type()
    if internal in (
        "ForeignKey",
        "BigAutoField",
        "BigIntegerField",
        "AutoField",
        "IntegerField",
        "PositiveIntegerField",
    ):
        return "bigint"
    if internal == "DateField":
        return "date"
    return "text"
