"""The content of a monthly 通报: the summary figures, the ranking tables, the escalations and the
倒查 cases of the month — everything derived from the ledger, nothing typed twice. Word and Excel
writers render this one object."""

from dataclasses import dataclass, field

from django.db.models import Count, Sum

from fanzha.assessment.escalations import run_escalations
from fanzha.assessment.formulas import change_pct
from fanzha.assessment.models import Outcome
from fanzha.assessment.ranking import Ranking, build_ranking
from fanzha.assessment.tally import Tally, counted_cases, tally
from fanzha.core.money import format_wan
from fanzha.core.periods import Period
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level
from fanzha.strike.models import StrikeRequest
from fanzha.strike.queries import Figures
from fanzha.strike.queries import figures as strike_figures


@dataclass
class MonthlyReport:
    period: Period
    county: str
    total: Tally
    last_year: Tally
    previous: Tally
    type_mix: list[tuple[str, int, int]]
    rankings: dict[str, Ranking]
    top_villages: list
    outcomes: list[Outcome] = field(default_factory=list)
    reviews: list[Outcome] = field(default_factory=list)
    strike: list[Figures] = field(default_factory=list)  # 止付冻结 per station (strike/queries.py)

    @property
    def title(self) -> str:
        return f"{self.county}电信网络诈骗案件情况通报（{self.period.label}）"

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


def build_monthly(period: Period) -> MonthlyReport:
    settings = config.current()
    run_escalations(period, settings)
    spans = {"now": period, "last_year": period.same_period_last_year(), "previous": period.previous()}
    overall = tally(spans, excluded_statuses=settings["indicators.excluded_statuses"])
    mix = (
        counted_cases(settings["indicators.excluded_statuses"])
        .filter(reported_at__gte=period.start, reported_at__lt=period.end)
        .values("fraud_type__name")
        .annotate(cases=Count("id"), loss=Sum("loss_fen"))
        .order_by("-cases", "fraud_type__name")
    )
    rankings = {key: build_ranking(get_level(key), period, settings=settings) for key in ("station", "town")}
    villages = build_ranking(get_level("village"), period, settings=settings)
    top_n = settings["bulletin.top_n"]
    county = OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()
    month = str(period)
    outcomes = list(
        Outcome.objects.filter(period__in=[month, str(period.year)])
        .exclude(kind="major_case_review")
        .select_related("org")
        .order_by("kind", "org__code")
    )
    reviews = list(
        Outcome.objects.filter(kind="major_case_review", period=month).select_related(
            "org", "case", "case__fraud_type"
        )
    )
    return MonthlyReport(
        period=period,
        county=county.name if county else "",
        total=overall["now"].get(None, Tally()),
        last_year=overall["last_year"].get(None, Tally()),
        previous=overall["previous"].get(None, Tally()),
        type_mix=[(row["fraud_type__name"], row["cases"], row["loss"] or 0) for row in mix],
        rankings=rankings,
        top_villages=[r for r in villages.rows if r.ranks["cases"] <= top_n and r.current.cases],
        outcomes=outcomes,
        reviews=reviews,
        strike=strike_figures(StrikeRequest.objects.all(), period.start, period.end),
    )
