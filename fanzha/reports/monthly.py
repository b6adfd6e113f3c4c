"""The figures of a 通报 of any cadence: the summary figures, the ranking tables, the units it names,
the escalations and the 倒查 cases of the period — everything derived from the ledger, nothing typed
twice. Everything is stated as of the period's end (as_of.py): a February 通报 drafted in October counts
the cases entered by 29 February and lists 挂牌整治 as it stood that day, not as it stands today. Word
and Excel writers render this one object (through tables.bulletin_sections)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, Sum

from fanzha.assessment.escalations import rectification_listings, run_escalations
from fanzha.assessment.formulas import change_pct
from fanzha.assessment.models import Outcome
from fanzha.assessment.models.outcomes import OutcomeStatus
from fanzha.assessment.ranking import Ranking, RankingRow, build_ranking
from fanzha.assessment.tally import Tally, counted_cases, tally
from fanzha.core.money import format_wan
from fanzha.core.periods import DateRange, Period
from fanzha.inspections.queries import UnitFigures
from fanzha.inspections.queries import period_figures as inspection_figures
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level
from fanzha.reports.as_of import entry_cutoff
from fanzha.reports.cadences import Cadence, get_cadence
from fanzha.strike.models import StrikeRequest
from fanzha.strike.queries import Figures
from fanzha.strike.queries import figures as strike_figures


@dataclass
class MonthlyReport:
    period: Period | DateRange
    county: str
    total: Tally
    last_year: Tally
    previous: Tally
    type_mix: list[tuple[str, int, int]]
    rankings: dict[str, Ranking]
    top_villages: list[RankingRow]
    top_units: list[RankingRow] = field(default_factory=list)
    villages: list[RankingRow] = field(default_factory=list)  # every village with a case (weekly)
    outcomes: list[Outcome] = field(default_factory=list)
    reviews: list[Outcome] = field(default_factory=list)
    unfinished: list[Outcome] = field(default_factory=list)  # not closed by the period's end
    cadence: Cadence = field(default_factory=lambda: get_cadence("monthly"))
    top_n: int = 3
    strike: list[Figures] = field(default_factory=list)  # 止付冻结 per station (strike/queries.py)
    entered_before: datetime | None = None  # cases entered later are left out (as_of.py); None: none was
    inspections: list[UnitFigures] = field(default_factory=list)  # 督导检查 per unit (inspections/queries.py)

    @property
    def title(self) -> str:
        return f"{self.county}{self.cadence.title}（{self.period.label}）"

    def summary(self) -> str:
        t, ly, pv = self.total, self.last_year, self.previous
        text = (
            f"{self.period.label}，全{_suffix(self.county)}共发生电信网络诈骗案件{t.cases}起，"
            f"{_trend('同比', t.cases, ly.cases)}（去年同期{ly.cases}起），{_trend('环比', t.cases, pv.cases)}；"
            f"群众损失{format_wan(t.loss_fen)}，{_trend('同比', t.loss_fen, ly.loss_fen)}；挽回损失{format_wan(t.recovered_fen)}。"
        )
        if self.type_mix:
            top = "、".join(f"{name}{cases}起" for name, cases, _ in self.type_mix[:3])
            text += f"发案数居前的诈骗类型为{top}。"
        return text


def _suffix(county: str) -> str:
    return county[-1] if county and county[-1] in "县区市" else "县"


def _trend(label: str, now: int, before: int) -> str:
    pct = change_pct(now, before)
    if pct is None:
        return f"{label}无可比数据"
    if pct == 0:
        return f"{label}持平"
    return f"{label}{'上升' if pct > 0 else '下降'}{abs(pct)}%"


def _named(ranking: Ranking, top_n: int) -> list[RankingRow]:
    """The units a 通报 names: rank ≤ N on 发案数 (ties share a rank), never a unit with no case."""
    return [r for r in ranking.rows if r.ranks["cases"] <= top_n and r.current.cases]


def _supervision(
    period: Period, settings: dict, entered_before: datetime | None
) -> tuple[list[Outcome], list[Outcome], list[Outcome]]:
    """(outcomes, 倒查 reviews, unfinished) of a named period, as of its last day: a 倒查 of a case
    entered after the cut-off is not the period's."""
    last_month = period.months_list()[-1]
    run_escalations(last_month, settings)
    months = [str(m) for m in period.months_list()]
    kinds = ["interview_deputy_chief", "interview_chief", "interview_head", "den_review"]
    if last_month.first_month == 12:
        kinds.append("award_ineligible")
        months.append(str(period.year))
    stored = Outcome.objects.filter(kind__in=kinds, period__in=months).select_related("org")
    # 挂牌整治 as counted on the period's last day (its reason says 「截至」 that day), not today's record
    listed = rectification_listings(last_month, settings)
    outcomes = sorted([*stored, *listed], key=lambda o: (o.kind, o.org.code))
    reviews = Outcome.objects.filter(
        kind="major_case_review", period__in=[str(m) for m in period.months_list()]
    )
    if entered_before is not None:
        reviews = reviews.filter(case__created_at__lt=entered_before)
    reviews = list(
        reviews.select_related("org", "case", "case__fraud_type").order_by("period", "case__case_number")
    )
    end = period.end
    unfinished = [
        o
        for o in [*stored, *reviews]
        if o.status != OutcomeStatus.CLOSED or (o.acted_at is not None and o.acted_at >= end)
    ]
    return outcomes, reviews, unfinished


def build_report(cadence: Cadence | str, period: Period | DateRange) -> MonthlyReport:
    cadence = get_cadence(cadence) if isinstance(cadence, str) else cadence
    settings = config.current()
    excluded = settings["indicators.excluded_statuses"]
    cutoff = entry_cutoff(period.end, settings["bulletin.late_entry_days"])
    entered = Q(created_at__lt=cutoff) if cutoff else None
    spans = {"now": period, "last_year": period.same_period_last_year(), "previous": period.previous()}
    overall = tally(spans, where=entered, excluded_statuses=excluded)
    mix = (
        counted_cases(excluded)
        .filter(entered or Q())
        .filter(reported_at__gte=period.start, reported_at__lt=period.end)
        .values("fraud_type__name")
        .annotate(cases=Count("id"), loss=Sum("loss_fen"))
        .order_by("-cases", "fraud_type__name")
    )

    def ranking(key: str) -> Ranking:
        return build_ranking(get_level(key), period, settings=settings, entered_before=cutoff)

    rankings = {key: ranking(key) for key in ("station", "town")}
    villages, units = ranking("village"), ranking("unit")
    top_n = settings["bulletin.top_n"]
    county = OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()
    outcomes, reviews, unfinished = (
        _supervision(period, settings, cutoff)
        if cadence.supervision and isinstance(period, Period)
        else ([], [], [])
    )
    return MonthlyReport(
        period=period,
        county=county.name if county else "",
        total=overall["now"].get(None, Tally()),
        last_year=overall["last_year"].get(None, Tally()),
        previous=overall["previous"].get(None, Tally()),
        type_mix=[(row["fraud_type__name"], row["cases"], row["loss"] or 0) for row in mix],
        rankings=rankings,
        top_villages=_named(villages, top_n),
        top_units=_named(units, top_n),
        villages=[r for r in villages.rows if r.current.cases] if cadence.all_villages else [],
        outcomes=outcomes,
        reviews=reviews,
        unfinished=unfinished,
        cadence=cadence,
        top_n=top_n,
        strike=strike_figures(StrikeRequest.objects.all(), period.start, period.end),
        entered_before=cutoff,
        inspections=(
            inspection_figures(period.start.date(), period.last_day, period.end)
            if cadence.supervision and isinstance(period, Period)
            else []
        ),
    )


def build_monthly(period: Period) -> MonthlyReport:
    return build_report("monthly", period)
