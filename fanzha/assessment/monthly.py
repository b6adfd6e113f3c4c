"""Figures month by month: per unit of a level (what the escalation rules and the 36-month rankings
read, one grouped query on the monthly summary) and for one unit's subtree (the trend charts)."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from fanzha.assessment import month_cache
from fanzha.assessment.formulas import cases_per_10k
from fanzha.assessment.models import MonthTally
from fanzha.assessment.population import populations
from fanzha.assessment.tally import Tally, tally
from fanzha.core.periods import Period
from fanzha.parameters.levels import Level


@dataclass
class PeriodFigures:
    """Every unit's figures for one period (a month, or the year for 评先评优)."""

    period: Period
    by_unit: dict[int, Tally]
    per_10k: dict[int, object]

    def value(self, indicator: str, org_id: int):
        if indicator == "per_10k":
            return self.per_10k.get(org_id)
        found = self.by_unit.get(org_id, Tally())
        return found.cases if indicator == "cases" else found.loss_fen

    def top(self, indicator: str, org_ids: list[int], ties: str = "shared") -> set[int]:
        """The units 处于最高位 on an indicator: the highest non-zero value; when several share it,
        all of them ("shared", default) or none ("none")."""
        values = {i: self.value(indicator, i) for i in org_ids}
        present = [v for v in values.values() if v]
        if not present:
            return set()
        highest = max(present)
        tops = {i for i, v in values.items() if v == highest}
        return tops if ties == "shared" or len(tops) == 1 else set()


def month_range(first: Period, last: Period) -> list[Period]:
    months, current = [], first
    while (current.year, current.first_month) <= (last.year, last.first_month):
        months.append(current)
        nxt = current.first_month + 1
        current = Period(current.year + (nxt > 12), 1 if nxt > 12 else nxt, 1)
    return months


def _with_per_10k(period: Period, by_unit: dict[int, Tally], people: dict) -> PeriodFigures:
    per_10k = {org_id: cases_per_10k(t.cases, people.get(org_id)) for org_id, t in by_unit.items()}
    return PeriodFigures(period, by_unit, per_10k)


def period_figures(level: Level, period: Period, excluded_statuses) -> PeriodFigures:
    counted = tally({"period": period}, level=level, excluded_statuses=excluded_statuses)["period"]
    return _with_per_10k(period, counted, populations(period.year, level.kinds))


def monthly_figures(level: Level, months: list[Period], excluded_statuses) -> list[PeriodFigures]:
    """Consecutive months, from one grouped query."""
    by_month = monthly_tallies(level, months[0], months[-1], excluded_statuses)
    people_by_year = {year: populations(year, level.kinds) for year in {m.year for m in months}}
    return [
        _with_per_10k(
            m, by_month.get(month_cache.month_index(m.year, m.first_month), {}), people_by_year[m.year]
        )
        for m in months
    ]


def monthly_tallies(level: Level, first: Period, last: Period, excluded) -> dict[int, dict[int, Tally]]:
    """{month index (year × 12 + month − 1): {unit id: Tally}} for every month from first to last,
    months in Beijing time, from the monthly summary (a month not yet refreshed from its cases)."""
    first_index = month_cache.month_index(first.year, first.first_month)
    last_index = month_cache.month_index(last.year, last.first_month)
    stale = set(month_cache.dirty(first_index, last_index + 1).values_list("month", flat=True))
    rows = (
        MonthTally.objects.filter(
            month__gte=first_index,
            month__lte=last_index,
            coarse=month_cache.coarse_enough([level.case_field], None),
        )
        .exclude(status__in=list(excluded))
        .values(level.case_field, "month")
        .annotate(cases=Sum("cases"), loss=Sum("loss_fen"), recovered=Sum("recovered_fen"))
        .order_by()
    )
    result: dict[int, dict[int, Tally]] = {}
    for index in stale:
        month = month_cache.month_of_index(index)
        counted = tally({"month": month}, level=level, excluded_statuses=excluded)["month"]
        result[index] = {unit: figures for unit, figures in counted.items() if unit is not None}
    for row in rows:
        if row[level.case_field] is not None and row["month"] not in stale:
            result.setdefault(row["month"], {})[row[level.case_field]] = Tally(
                row["cases"], row["loss"] or 0, row["recovered"] or 0
            )
    return result


def monthly_trend(where: Q, last: Period, excluded_statuses) -> dict:
    """Cases per month from January of last year through `last`, for one unit's subtree (charts):
    one query grouped by month on the monthly summary (or the cases, where it cannot answer)."""
    months = month_range(Period(last.year - 1, 1, 1), last)
    spans = {f"m{i}": m for i, m in enumerate(months)}
    if month_cache.answerable(spans, where, None):
        by_month = month_cache.cases_by_month(months[0], last, where, excluded_statuses)
        cases = [by_month.get(month_cache.month_index(m.year, m.first_month), 0) for m in months]
    else:
        counted = tally(spans, where=where, excluded_statuses=excluded_statuses, with_money=False)
        cases = [counted[name].get(None, Tally()).cases for name in spans]
    return {"months": [str(m) for m in months], "cases": cases}
