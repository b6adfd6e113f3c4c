from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from fanzha.core.periods import Period, PeriodError, parse_period

BJ = ZoneInfo("Asia/Shanghai")


def test_parse_and_name_each_kind():
    assert str(Period.parse("2024-03")) == "2024-03"
    assert str(Period.parse("2024q1")) == "2024Q1"
    assert str(Period.parse("2024H2")) == "2024H2"
    assert str(Period.parse("2024")) == "2024"
    assert Period.parse("2024-3").label == "2024年3月"


def test_bounds_are_beijing_midnight():
    march = Period.parse("2024-03")
    assert march.start == datetime(2024, 3, 1, tzinfo=BJ)
    assert march.end == datetime(2024, 4, 1, tzinfo=BJ)
    assert Period.parse("2024Q4").end == datetime(2025, 1, 1, tzinfo=BJ)


def test_previous_and_same_period_last_year():
    assert str(Period.parse("2024-01").previous()) == "2023-12"
    assert str(Period.parse("2024Q1").previous()) == "2023Q4"
    assert str(Period.parse("2024H1").previous()) == "2023H2"
    assert str(Period.parse("2024-03").same_period_last_year()) == "2023-03"


@pytest.mark.parametrize("text", ["2024-13", "24-01", "2024Q5", "March"])
def test_bad_period_names(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9999", "年份应在 1900 到 2100 之间：「9999」"),
        ("9999Q4", "年份应在 1900 到 2100 之间：「9999Q4」"),
        ("0000-01", "年份应在 1900 到 2100 之间：「0000-01」"),
        ("0001-01-01..0001-01-02", "年份应在 1900 到 2100 之间：「0001-01-01..0001-01-02」"),
        ("2024-01-01..9999-12-31", "年份应在 1900 到 2100 之间：「2024-01-01..9999-12-31」"),
    ],
)
def test_years_out_of_range_are_a_period_error_not_a_crash(text, message):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value) == message


def test_the_edge_years_keep_their_neighbours():
    assert Period.parse("2100Q4").end == datetime(2101, 1, 1, tzinfo=BJ)
    assert str(Period.parse("1900-01").previous()) == "1899-12"
