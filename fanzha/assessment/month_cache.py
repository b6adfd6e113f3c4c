"""Reading and refreshing the monthly summary (MonthTally).

Writing: `refresh()` recomputes the months the triggers marked dirty from the raw cases, in one
transaction. It runs at the end of a case import (inside the import's transaction), once after the
commit of any transaction that saved or deleted a case through the ORM (`refresh_after_commit`, wired
in apps.py), and on demand (`fanzha summarize`, after a write the ORM did not see, e.g. raw SQL).

Reading is pure, it never writes: `month_tally()` answers `tally()` from the summary when every span
is a whole number of months, every filter is on a column the summary keeps and no month it needs is
dirty; anything else reads the cases themselves, so an answer is right even before a refresh."""

from functools import reduce
from operator import or_

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum

from fanzha.assessment.models import DirtyMonth, MonthTally
from fanzha.cases.models import Case
from fanzha.core.periods import Period

KEPT = ("place_id", "town_id", "station_id", "employer_id", "status")
COARSE = ("town_id", "station_id", "status")


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_of_index(index: int) -> Period:
    return Period(index // 12, index % 12 + 1, 1)


def refresh() -> int:
    """Recompute every dirty month; returns how many were recomputed."""
    if not DirtyMonth.objects.exists():
        return 0
    with transaction.atomic():
        months = sorted(DirtyMonth.objects.select_for_update().values_list("month", flat=True))
        if not months:
            return 0
        MonthTally.objects.filter(month__in=months).delete()
        with connection.cursor() as cursor:
            for index in months:
                for coarse, fields in ((False, KEPT), (True, COARSE)):
                    cursor.execute(*_summing(index, coarse, fields))
        DirtyMonth.objects.filter(month__in=months).delete()
    return len(months)


def _summing(index: int, coarse: bool, fields: tuple[str, ...]) -> tuple[str, list]:
    """One INSERT … SELECT that writes a month's summary rows at one grain straight from the cases:
    the grouped query is the ORM's (so its dates are compared as the ORM compares them), and no
    row passes through Python (a year at 1M cases is 100,000 rows or more)."""
    period = month_of_index(index)
    grouped = (
        Case.objects.filter(reported_at__gte=period.start, reported_at__lt=period.end)
        .values(*fields)
        .annotate(n=Count("id"), loss=Sum("loss_fen"), recovered=Sum("recovered_fen"))
        .order_by()
    )
    select, params = grouped.query.sql_with_params()
    quote = connection.ops.quote_name
    table = MonthTally._meta
    kept = [quote(table.get_field(f.removesuffix("_id")).column) for f in KEPT]
    picked = [f"g.{quote(f)}" if f in fields else "NULL" for f in KEPT]
    sql = (
        f"INSERT INTO {quote(table.db_table)} (month, coarse, {', '.join(kept)}, cases, loss_fen, recovered_fen) "
        f"SELECT %s, %s, {', '.join(picked)}, g.n, COALESCE(g.loss, 0), COALESCE(g.recovered, 0) "
        f"FROM ({select}) g"
    )
    return sql, [index, coarse, *params]


def refresh_after_commit(**kwargs) -> None:
    """Refresh once the current transaction commits (at once outside one), however many of its writes
    ask; a failed refresh leaves the months dirty (still answered from the cases) and the write stands."""
    database = transaction.get_connection()
    if database.in_atomic_block and any(entry[1] is refresh for entry in database.run_on_commit):
        return
    transaction.on_commit(refresh, robust=True)


def dirty(first: int, end: int) -> QuerySet:
    """The dirty months among [first, end) (month indexes)."""
    return DirtyMonth.objects.filter(month__gte=first, month__lt=end)


def month_span(span) -> tuple[int, int] | None:
    """[first, end) month indexes of a Period; None for anything not month-aligned."""
    if not isinstance(span, Period):
        return None
    first = month_index(span.year, span.first_month)
    return first, first + span.months


def answerable(spans: dict, where: Q | None, by: str | None) -> bool:
    """Can the summary answer `tally()` for these spans and filter, as the cases stand now?"""
    if by is not None or any(month_span(s) is None for s in spans.values()):
        return False
    if where is not None and not _only_columns(where, KEPT):
        return False
    ranges = [month_span(s) for s in spans.values()]
    if not ranges:
        return False
    marked = dirty(min(r[0] for r in ranges), max(r[1] for r in ranges)).values_list("month", flat=True)
    return not any(first <= month < end for month in marked for first, end in ranges)


def _only_columns(q: Q, columns) -> bool:
    for child in q.children:
        if isinstance(child, Q):
            if not _only_columns(child, columns):
                return False
        elif child[0] not in columns:
            return False
    return True


def coarse_enough(group: list[str], where: Q | None) -> bool:
    """Can the town/station rows answer this (no place or employer involved)?"""
    return all(g in COARSE for g in group) and (where is None or _only_columns(where, COARSE))


def month_tally(spans: dict, group: list[str], where: Q | None, excluded_statuses, with_money: bool):
    """The same rows `tally()` would aggregate from cases, from the summary (see answerable): one
    query, one conditional sum per span."""
    conditions = {
        name: Q(month__gte=a, month__lt=b) for name, (a, b) in ((n, month_span(s)) for n, s in spans.items())
    }
    queryset = MonthTally.objects.filter(reduce(or_, conditions.values()), coarse=coarse_enough(group, where))
    queryset = queryset.exclude(status__in=list(excluded_statuses))
    if where is not None:
        queryset = queryset.filter(where)
    aggregates = {}
    for name, condition in conditions.items():
        condition = condition if len(spans) > 1 else None
        aggregates[f"{name}__cases"] = Sum("cases", filter=condition)
        if with_money:
            aggregates[f"{name}__loss"] = Sum("loss_fen", filter=condition)
            aggregates[f"{name}__recovered"] = Sum("recovered_fen", filter=condition)
    if group:
        return queryset.values(*group).annotate(**aggregates).order_by()
    return [queryset.aggregate(**aggregates)]


def cases_by_month(first: Period, last: Period, where: Q | None, excluded_statuses) -> dict[int, int]:
    """{month index: cases} from `first` through `last`, in one query grouped by month (what
    `month_tally` gives with one span per month, without an aggregate per span; see answerable)."""
    queryset = MonthTally.objects.filter(
        month__gte=month_index(first.year, first.first_month),
        month__lte=month_index(last.year, last.first_month),
        coarse=coarse_enough([], where),
    ).exclude(status__in=list(excluded_statuses))
    if where is not None:
        queryset = queryset.filter(where)
    rows = queryset.values("month").annotate(cases=Sum("cases")).order_by()
    return {row["month"]: row["cases"] or 0 for row in rows}
