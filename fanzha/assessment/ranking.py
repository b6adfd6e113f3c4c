"""Rankings (排名) of police stations, towns/streets, villages/communities or member units on 发案数,
损失金额 and 万人发案数 for a period: highest = worst = rank 1; ties share a rank (1, 1, 3)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Q

from fanzha.assessment.formulas import cases_per_10k, change_pct
from fanzha.assessment.monthly import monthly_tallies
from fanzha.assessment.notability import Notability, notability
from fanzha.assessment.population import populations
from fanzha.assessment.tally import Tally, tally
from fanzha.core.money import format_yuan
from fanzha.core.periods import Period
from fanzha.core.xlsx import Money, Percent
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.naming import display_name_expression
from fanzha.parameters import config
from fanzha.parameters.levels import Level

INDICATORS = {"cases": "发案数", "loss": "损失金额", "per_10k": "万人发案数"}

# the columns of a ranking table for a person (CSV, terminal), keys of RankingRow.as_json
COLUMNS = [
    ("rank_cases", "发案数排名"),
    ("code", "代码"),
    ("name", "名称"),
    ("cases", "发案数"),
    ("cases_last_year", "去年同期"),
    ("cases_yoy_pct", "同比%"),
    ("cases_mom_pct", "环比%"),
    ("loss_yuan", "损失金额(元)"),
    ("loss_yoy_pct", "损失同比%"),
    ("rank_loss", "损失排名"),
    ("population", "人口"),
    ("cases_per_10k", "万人发案数"),
    ("rank_per_10k", "万人发案排名"),
    ("notability_text", "与自身历史相比"),
]


@dataclass(frozen=True)
class Span:
    start: datetime
    end: datetime


@dataclass
class RankingRow:
    org_id: int
    code: str
    name: str
    population: int | None
    current: Tally
    last_year: Tally
    previous: Tally
    expected: float
    per_10k: Decimal | None = None
    ranks: dict = field(default_factory=dict)
    notability: Notability | None = None

    def value(self, indicator: str):
        return {"cases": self.current.cases, "loss": self.current.loss_fen, "per_10k": self.per_10k}[
            indicator
        ]

    def as_json(self) -> dict:
        c, ly, pv = self.current, self.last_year, self.previous
        return {
            "code": self.code,
            "name": self.name,
            "cases": c.cases,
            "loss_yuan": _yuan(c.loss_fen),
            "recovered_yuan": _yuan(c.recovered_fen),
            "population": self.population,
            "population_missing": self.population is None,
            "cases_per_10k": _text(self.per_10k),
            "cases_last_year": ly.cases,
            "cases_yoy_pct": _text(change_pct(c.cases, ly.cases)),
            "loss_last_year_yuan": _yuan(ly.loss_fen),
            "loss_yoy_pct": _text(change_pct(c.loss_fen, ly.loss_fen)),
            "cases_previous": pv.cases,
            "cases_mom_pct": _text(change_pct(c.cases, pv.cases)),
            "loss_previous_yuan": _yuan(pv.loss_fen),
            "loss_mom_pct": _text(change_pct(c.loss_fen, pv.loss_fen)),
            "rank_cases": self.ranks["cases"],
            "rank_loss": self.ranks["loss"],
            "rank_per_10k": self.ranks["per_10k"],
            "expected_cases": round(self.expected, 1),
            "notability": self.notability.key,
            "notability_text": self.notability.text,
            "notability_label": self.notability.label,
            "notability_band": self.notability.band,
        }

    def typed(self) -> dict:
        """The COLUMNS as typed cells for a spreadsheet: counts and ranks as numbers, amounts as yuan,
        changes as percentages."""
        c, ly, pv = self.current, self.last_year, self.previous

        def pct(value):
            return None if value is None else Percent(value)

        return {
            "rank_cases": self.ranks["cases"],
            "code": self.code,
            "name": self.name,
            "cases": c.cases,
            "cases_last_year": ly.cases,
            "cases_yoy_pct": pct(change_pct(c.cases, ly.cases)),
            "cases_mom_pct": pct(change_pct(c.cases, pv.cases)),
            "loss_yuan": Money(c.loss_fen),
            "loss_yoy_pct": pct(change_pct(c.loss_fen, ly.loss_fen)),
            "rank_loss": self.ranks["loss"],
            "population": self.population,
            "cases_per_10k": self.per_10k,
            "rank_per_10k": self.ranks["per_10k"],
            "notability_text": self.notability.text if self.notability else "",
        }


def _yuan(fen: int) -> str:
    return format_yuan(fen, grouping=False)


def _text(value) -> str | None:
    return None if value is None else str(value)


@dataclass
class Ranking:
    level: Level
    period: object
    rows: list[RankingRow]

    def top(self, indicator: str) -> list[RankingRow]:
        """The units at rank 1 on an indicator (several when tied); none when all are zero."""
        return [r for r in self.rows if r.ranks[indicator] == 1 and r.value(indicator)]


def competition_ranks(values: list) -> list[int | None]:
    """Rank values highest first; equal values share a rank and the next rank skips (1, 1, 3).
    None (no value, e.g. no population) is not ranked."""
    ordered = sorted((v for v in values if v is not None), reverse=True)
    first_position = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return [None if v is None else first_position[v] for v in values]


def baseline_span(period) -> "Period | Span":
    """The twelve months before the period (365 days before a date range): the unit's own recent
    history."""
    if isinstance(period, Period):
        return Period(period.year - 1, period.first_month, 12)
    return Span(period.start - timedelta(days=365), period.start)


@dataclass
class UnitFigures:
    """What one period's ranking reads for each unit: figures now, a year ago and one period ago,
    and the count over the baseline span."""

    current: dict
    last_year: dict
    previous: dict
    baseline_cases: dict


def units_of(level: Level, within: OrgUnit | None = None) -> list[tuple[int, str, str]]:
    units = OrgUnit.objects.filter(kind__in=level.kinds, is_active=True)
    if within is not None and within.kind == OrgKind.STATION:
        units = units.filter(station=within)  # the villages a station covers
    elif within is not None and within.parent_id is not None:
        units = units.filter(path__startswith=within.path)
    shown = units.annotate(shown=display_name_expression()).order_by("code")
    return list(shown.values_list("id", "code", "shown"))


def rank(level: Level, period, units, people: dict, figures: UnitFigures) -> Ranking:
    base = baseline_span(period)
    share = (period.end - period.start) / (base.end - base.start)
    rows = []
    for org_id, code, name in units:
        current = figures.current.get(org_id, Tally())
        row = RankingRow(
            org_id,
            code,
            name,
            people.get(org_id),
            current,
            figures.last_year.get(org_id, Tally()),
            figures.previous.get(org_id, Tally()),
            expected=figures.baseline_cases.get(org_id, 0) * share,
        )
        row.per_10k = cases_per_10k(current.cases, row.population)
        row.notability = notability(current.cases, row.expected)
        rows.append(row)
    for indicator in INDICATORS:
        for row, position in zip(rows, competition_ranks([r.value(indicator) for r in rows]), strict=True):
            row.ranks[indicator] = position
    rows.sort(key=lambda r: (r.ranks["cases"], r.code))
    return Ranking(level, period, rows)


def build_ranking(
    level: Level,
    period,
    *,
    settings: dict | None = None,
    within: OrgUnit | None = None,
    entered_before: datetime | None = None,
) -> Ranking:
    """`entered_before`: count only the cases entered (录入时间) before it — a past period's 通报 as of
    the period's end (reports/as_of.py)."""
    settings = settings or config.current()
    excluded = settings["indicators.excluded_statuses"]
    spans = {
        "current": period,
        "last_year": period.same_period_last_year(),
        "previous": period.previous(),
        "baseline": baseline_span(period),
    }
    where = Q(created_at__lt=entered_before) if entered_before else None
    figures = tally(spans, level=level, where=where, excluded_statuses=excluded)  # one query for all four
    unit_figures = UnitFigures(
        figures["current"],
        figures["last_year"],
        figures["previous"],
        {org_id: t.cases for org_id, t in figures["baseline"].items()},
    )
    return rank(level, period, units_of(level, within), populations(period.year, level.kinds), unit_figures)


def build_monthly_rankings(
    level: Level, months: list[Period], *, settings: dict | None = None
) -> list[Ranking]:
    """One ranking per month from a single grouped query (unit × month) over the months and the year
    before them: the 36-month view of a trend page or a benchmark."""
    settings = settings or config.current()
    first = Period(months[0].year - 1, months[0].first_month, 1)
    by_month = monthly_tallies(level, first, months[-1], settings["indicators.excluded_statuses"])
    units = units_of(level)
    people_by_year = {year: populations(year) for year in {m.year for m in months}}
    result = []
    for month in months:
        index = month.year * 12 + month.first_month - 1
        history: dict[int, int] = {}
        for back in range(1, 13):
            for org_id, t in by_month.get(index - back, {}).items():
                history[org_id] = history.get(org_id, 0) + t.cases
        figures = UnitFigures(
            by_month.get(index, {}), by_month.get(index - 12, {}), by_month.get(index - 1, {}), history
        )
        result.append(rank(level, month, units, people_by_year[month.year], figures))
    return result
