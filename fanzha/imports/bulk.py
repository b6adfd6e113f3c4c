"""Bulk reads and writes for imports: which keys a ledger holds already (one query for a whole chunk),
and new rows in plain batched INSERTs (inside the import's transaction, so a failure leaves nothing;
constraints, indexes and triggers stay in place, and ids come from the database)."""

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


#: rows per executemany call
INSERT_BATCH = 5000
#: field types whose Python values the database drivers take as they are
_PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def insert_rows(model, frame: pl.DataFrame) -> None:
    """Insert every row of `frame` (columns named as model fields, foreign keys as name_id): one plain
    INSERT statement run for every row (executemany, in batches), inside the caller's transaction, with
    the table's constraints, indexes and triggers in place and its ids given by the database.
    Datetimes go as naive UTC, as Django stores them; a field of another kind (JSON, …) is prepared by
    the field itself, as bulk_create would (whose per-value work cost a county's import seconds)."""
    if frame.height == 0:
        return
    quote = connection.ops.quote_name
    fields = {}
    for field in model._meta.concrete_fields:
        fields[field.name] = fields[field.attname] = field
    targets = [fields[name] for name in frame.columns]
    columns = []
    for field, name in zip(targets, frame.columns, strict=True):
        series = frame[name]
        if isinstance(series.dtype, pl.Datetime) and series.dtype.time_zone:
            # naive UTC, as Django stores datetimes (its connections to PostgreSQL run in UTC)
            series = series.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        values = series.to_list()
        if field.get_internal_type() not in _PLAIN and not isinstance(series.dtype, pl.Datetime | pl.Date):
            values = [None if v is None else field.get_db_prep_save(v, connection) for v in values]
        columns.append(values)
    rows = list(zip(*columns, strict=True))
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in targets),
        ", ".join(["%s"] * len(targets)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def insert_returning_ids(model, frame: pl.DataFrame, key: str) -> list[int]:
    """insert_rows, then the new rows' ids in frame order, read back by `key`, a unique field (one
    query): the database handed them out (a sequence on PostgreSQL, AUTOINCREMENT on SQLite, so a
    deleted row's id is never given out again)."""
    insert_rows(model, frame)
    keys = frame[key].to_list()
    ids = existing_ids(model, key, keys)
    return [ids[value] for value in keys]


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
