"""The monthly summary always agrees with the cases, whatever wrote them."""

from datetime import datetime

from django.db import connection
from django.db.models import Q

from fanzha.assessment.models import DirtyMonth, MonthTally
from fanzha.assessment.month_cache import refresh
from fanzha.assessment.tally import _case_rows, tally
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import BEIJING, Period
from fanzha.parameters.levels import get_level


def _both(level_key="station", period="2024-03"):
    level = get_level(level_key)
    spans = {"now": Period.parse(period), "before": Period.parse("2023")}
    cached = tally(spans, level=level)
    group = [level.case_field]
    raw_rows = _case_rows(spans, group, None, ("withdrawn",), True)
    raw = {name: {} for name in spans}
    for row in raw_rows:
        for name in spans:
            if row[f"{name}__cases"]:
                raw[name][row[group[0]]] = (
                    row[f"{name}__cases"],
                    row[f"{name}__loss"],
                    row[f"{name}__recovered"],
                )
    assert {
        n: {k: (t.cases, t.loss_fen, t.recovered_fen) for k, t in v.items()} for n, v in cached.items()
    } == raw
    return cached


def test_inserts_updates_and_deletes_mark_months_and_the_summary_follows(stations):
    made = add_cases(stations["vA"], "2024-03-05", 3, loss_yuan=100)
    add_cases(stations["vB"], "2023-07-05", 2)
    assert set(DirtyMonth.objects.values_list("month", flat=True)) == {2024 * 12 + 2, 2023 * 12 + 6}
    assert _both()["now"][stations["A"].id].cases == 3
    assert not DirtyMonth.objects.exists() and MonthTally.objects.exists()

    Case.objects.filter(pk=made[0].pk).update(station=stations["B"], loss_fen=999)
    Case.objects.filter(pk=made[1].pk).update(status="withdrawn")
    Case.objects.filter(pk=made[2].pk).delete()
    cached = _both()
    assert stations["A"].id not in cached["now"] and cached["now"][stations["B"].id].cases == 1
    _both("village")  # the fine rows agree too
    _both("town")


def test_a_case_moved_to_another_month_leaves_both_months_right(stations):
    [case] = add_cases(stations["vA"], "2024-03-05", 1)
    refresh()
    Case.objects.filter(pk=case.pk).update(reported_at=datetime(2024, 4, 1, 0, 30, tzinfo=BEIJING))
    assert _both(period="2024-03")["now"] == {}
    assert _both(period="2024-04")["now"][stations["A"].id].cases == 1


def test_raw_sql_writes_are_caught_too(stations):
    add_cases(stations["vA"], "2024-03-05", 2)
    refresh()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_case")
    assert _both()["now"] == {}


def test_summarize_command_recomputes_dirty_months(stations):
    from io import StringIO

    from django.core.management import call_command

    add_cases(stations["vA"], "2024-03-05", 2)
    add_cases(stations["vA"], "2024-05-05", 1)
    out = StringIO()
    call_command("summarize", stdout=out)
    assert out.getvalue().startswith("已重算 2 个月份") and not DirtyMonth.objects.exists()


def test_the_trend_by_month_agrees_with_the_cases(stations):
    """monthly_trend reads one grouped query on the summary; through the cases (a filter the summary
    cannot answer) it must give the same months, withdrawn cases left out alike."""
    from fanzha.assessment.monthly import monthly_trend
    from fanzha.core.periods import Period as P

    add_cases(stations["vA"], "2024-03-05", 3)
    add_cases(stations["vA"], "2023-01-31 23:30", 2)  # January in Beijing time
    add_cases(stations["vB"], "2024-06-01", 1, status="withdrawn")
    add_cases(stations["vC"], "2024-06-02", 4)
    last = P.parse("2024-06")
    for unit in (None, stations["A"]):
        summary_where = Q() if unit is None else Q(station_id=unit.pk)
        cases_where = Q(pk__gt=0) & summary_where  # pk is not kept by the summary: read from the cases
        from_summary = monthly_trend(summary_where, last, ("withdrawn",))
        assert from_summary == monthly_trend(cases_where, last, ("withdrawn",))
    county = monthly_trend(Q(), last, ("withdrawn",))
    assert county["months"][0] == "2023-01" and county["months"][-1] == "2024-06"
    assert county["cases"][0] == 2 and county["cases"][14] == 3 and county["cases"][-1] == 4
