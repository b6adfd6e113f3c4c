"""Counting the ledger: one SQL aggregate per request, grouped by the unit a case belongs to at a
level, with one conditional sum per span (the period, last year's, the previous one…). Facts stay raw:
every figure is summed from the cases, or from the monthly summary (month_cache.py) when it can answer —
and reading the summary first recomputes the months the triggers marked, so such a read writes
MonthTally rows."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q, Sum

from fanzha.assessment import month_cache
from fanzha.cases.models import Case
from fanzha.parameters.levels import Level


@dataclass
class Tally:
    cases: int = 0
    loss_fen: int = 0
    recovered_fen: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.cases + other.cases, self.loss_fen + other.loss_fen, self.recovered_fen + other.recovered_fen
        )


def counted_cases(excluded_statuses=("withdrawn",)):
    """The cases that count towards 发案数 (撤案 excluded by default, see config)."""
    return Case.objects.exclude(status__in=list(excluded_statuses))


def _span(span) -> Q:
    return Q(reported_at__gte=span.start, reported_at__lt=span.end)


def _case_rows(spans: dict, group: list[str], where: Q | None, excluded_statuses, with_money: bool):
    queryset = counted_cases(excluded_statuses).filter(reduce(or_, (_span(s) for s in spans.values())))
    if where is not None:
        queryset = queryset.filter(where)
    aggregates = {}
    for name, span in spans.items():
        condition = _span(span) if len(spans) > 1 else None
        aggregates[f"{name}__cases"] = Count("id", filter=condition)
        if with_money:
            aggregates[f"{name}__loss"] = Sum("loss_fen", filter=condition)
            aggregates[f"{name}__recovered"] = Sum("recovered_fen", filter=condition)
    if group:
        return queryset.values(*group).annotate(**aggregates).order_by()
    return [queryset.aggregate(**aggregates)]


def tally(
    spans: dict,
    *,
    level: Level | None = None,
    where: Q | None = None,
    by: str | None = None,
    excluded_statuses=("withdrawn",),
    with_money: bool = True,
) -> dict[str, dict]:
    """{span name: {key: Tally}}, where key is the unit id at `level` (None without a level),
    or (unit id, value of `by`) when broken down."""
    group = ([level.case_field] if level else []) + ([by] if by else [])
    if month_cache.answerable(spans, where, by):
        rows = month_cache.month_tally(spans, group, where, excluded_statuses, with_money)
    else:
        rows = _case_rows(spans, group, where, excluded_statuses, with_money)
    result: dict[str, dict] = {name: {} for name in spans}
    for row in rows:
        keys = tuple(row[g] for g in group)
        key = keys[0] if len(keys) == 1 else (keys or None)
        for name in spans:
            cases = row[f"{name}__cases"] or 0
            if cases:
                result[name][key] = Tally(
                    cases, row.get(f"{name}__loss") or 0, row.get(f"{name}__recovered") or 0
                )
    return result
