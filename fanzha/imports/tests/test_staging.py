"""The staging table: a frame's rows as a temporary table, typed, read back by SQL and dropped after."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from django.db import connection, transaction

from fanzha.imports.arrays import array_literal
from fanzha.imports.staging import NAME, staging_table

pytestmark = pytest.mark.django_db


def test_rows_come_back_typed_and_the_table_is_dropped():
    at = datetime(2024, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    frame = pl.DataFrame(
        {
            "n": [1, None],
            "text": ['引号"与\\反斜杠', ""],
            "day": [date(2024, 2, 29), date(2023, 12, 31)],
            "flag": [True, False],
            "at": [at, at],
        }
    )
    with transaction.atomic(), staging_table(frame) as table:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT n, text, day, flag FROM {table} ORDER BY day DESC")
            rows = cursor.fetchall()
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE day > %s AND flag", [date(2024, 1, 1)])
            assert cursor.fetchone()[0] == 1
        days = [d if isinstance(d, date) else date.fromisoformat(d) for _, _, d, _ in rows]
        assert [(n, t, bool(f)) for n, t, _, f in rows] == [(1, '引号"与\\反斜杠', True), (None, "", False)]
        assert days == [date(2024, 2, 29), date(2023, 12, 31)]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=False)
    assert NAME not in tables


def test_array_literal_quotes_what_needs_it():
    assert array_literal([3, 1, 2]) == "{3,1,2}"
    assert array_literal(["a", 'b"c', "d\\e", None, 5]) == '{"a","b\\"c","d\\\\e",NULL,5}'
    assert array_literal([date(2024, 3, 1)]) == "{2024-03-01}"
    assert array_literal([]) == "{}"
    # text with nothing to escape is quoted in one join (the usual case: phones, ids)
    assert array_literal(["13800000000", "{x,y}", " 空格 ", ""]) == '{"13800000000","{x,y}"," 空格 ",""}'


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL arrays")
def test_array_literal_reads_back_as_the_same_values_on_postgresql():
    values = ["王五", 'a"b', "c\\d", "{x,y}", " 空格 ", None, ""]
    with connection.cursor() as cursor:
        plain = ["王五", "{x,y}", " 空格 ", "NULL", ""]  # nothing to escape: the one-join path
        cursor.execute(
            "SELECT %s::text[], %s::text[], %s::bigint[], %s::date[]",
            [
                array_literal(values),
                array_literal(plain),
                array_literal([1, -2]),
                array_literal([date(2024, 2, 29)]),
            ],
        )
        assert cursor.fetchone() == (values, plain, [1, -2], [date(2024, 2, 29)])
