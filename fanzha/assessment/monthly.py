"""Month-by-month figures for every unit of a level, in one SQL pass: what the escalation rules and
the trend charts read."""

from dataclasses import dataclass

from fanzha.assessment.formulas import cases_per_10k
from fanzha.assessment.levels import Level
from fanzha.assessment.population import populations
from fanzha.assessment.tally import Tally, tally
from fanzha.core.periods import Period


@dataclass
class MonthFigures:
    month: Period
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


def monthly_figures(level: Level, months: list[Period], excluded_statuses) -> list[MonthFigures]:
    spans = {f"m{i}": month for i, month in enumerate(months)}
    counted = tally(spans, level=level, excluded_statuses=excluded_statuses)
    people_by_year = {year: populations(year) for year in {m.year for m in months}}
    result = []
    for i, month in enumerate(months):
        by_unit = counted[f"m{i}"]
        people = people_by_year[month.year]
        per_10k = {org_id: cases_per_10k(t.cases, people.get(org_id)) for org_id, t in by_unit.items()}
        result.append(MonthFigures(month, by_unit, per_10k))
    return result
