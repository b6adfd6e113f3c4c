"""The monthly summary always agrees with the cases, whatever wrote them."""

import re
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from fanzha.assessment.models import DirtyMonth, MonthTally
from fanzha.assessment.month_cache import refresh
from fanzha.assessment.tally import _case_rows, tally
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.cases.services import save_case
from fanzha.cases.tests.builders import add_cases
from fanzha.cases.tests.ledgers import HEADER, write_csv
from fanzha.cases.tests.ledgers import row as ledger_row
from fanzha.core.periods import BEIJING, Period
from fanzha.imports.runner import run_import
from fanzha.parameters.levels import get_level

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|ALTER|DROP|CREATE)\b", re.IGNORECASE)


def _tallies(level, spans):
    return {
        n: {k: (t.cases, t.loss_fen, t.recovered_fen) for k, t in v.items()}
        for n, v in tally(spans, level=level).items()
    }


def _both(level_key="station", period="2024-03"):
    """tally() as the cases stand (dirty months read from the cases, writing nothing), and again after
    a refresh (from the summary): both agree with the cases."""
    level = get_level(level_key)
    spans = {"now": Period.parse(period), "before": Period.parse("2023")}
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
    with CaptureQueriesContext(connection) as reading:
        assert _tallies(level, spans) == raw
    assert [q["sql"] for q in reading.captured_queries if WRITES.match(q["sql"])] == []
    refresh()
    assert not DirtyMonth.objects.exists()
    assert _tallies(level, spans) == raw
    return tally(spans, level=level)


def test_inserts_updates_and_deletes_mark_months_and_the_summary_follows(stations):
    made = add_cases(stations["vA"], "2024-03-05", 3, loss_yuan=100)
    add_cases(stations["vB"], "2023-07-05", 2)
    assert set(DirtyMonth.objects.values_list("month", flat=True)) == {2024 * 12 + 2, 2023 * 12 + 6}
    assert _both()["now"][stations["A"].id].cases == 3
    assert MonthTally.objects.exists()

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


def test_reading_writes_nothing_and_a_stale_month_is_counted_from_the_cases(stations):
    """Rankings and reports only read: a month the triggers marked dirty is answered from the cases
    (the monthly figures and the trend too) and stays marked until something refreshes it."""
    from fanzha.assessment.monthly import monthly_figures, monthly_trend

    add_cases(stations["vA"], "2024-03-05", 2)
    refresh()
    add_cases(stations["vA"], "2024-03-06", 1)  # bulk_create: no signal, only the trigger saw it
    marked = list(DirtyMonth.objects.values_list("month", flat=True))
    assert marked == [2024 * 12 + 2]
    station = get_level("station")
    with CaptureQueriesContext(connection) as reading:
        figures = monthly_figures(station, [Period.parse("2024-02"), Period.parse("2024-03")], ("withdrawn",))
        trend = monthly_trend(Q(), Period.parse("2024-03"), ("withdrawn",))
    assert [q["sql"] for q in reading.captured_queries if WRITES.match(q["sql"])] == []
    assert list(DirtyMonth.objects.values_list("month", flat=True)) == marked
    assert figures[1].by_unit[stations["A"].id].cases == 3 and stations["A"].id not in figures[0].by_unit
    assert trend["cases"][-1] == 3


def test_a_case_import_refreshes_the_summary_in_its_own_transaction(county, tmp_path):
    rows = [
        ledger_row(number="M1", reported="2024-01-09 10:00"),
        ledger_row(number="M2", reported="2024-03-31 23:30"),
    ]
    result = run_import(CaseImporter(None), write_csv(tmp_path / "m.csv", HEADER, rows))
    assert result.committed and result.counts.created == 2
    assert not DirtyMonth.objects.exists()
    months = MonthTally.objects.filter(coarse=True).values_list("month", "cases")
    assert sorted(months) == [(2024 * 12 + 0, 1), (2024 * 12 + 2, 1)]


def test_saved_cases_refresh_the_summary_once_after_the_commit(county, django_capture_on_commit_callbacks):
    base = add_cases(county["v1"], "2024-03-05", 1)[0]
    refresh()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for day in (6, 7):
                base.pk, base.case_number = None, f"S{day}"
                base.reported_at = datetime(2024, 5, day, 12, tzinfo=BEIJING)
                save_case(None, base)
            assert list(DirtyMonth.objects.values_list("month", flat=True)) == [2024 * 12 + 4]
    assert len(callbacks) == 1  # two saves, one refresh
    assert not DirtyMonth.objects.exists()
    assert MonthTally.objects.get(month=2024 * 12 + 4, coarse=True).cases == 2
