"""Running the rules over the ledger: month by month through a given month, it produces the outcomes staff
act on — 约谈 of station chiefs, 挂牌整治, 全环节倒查 of major cases and, at year end, 评先评优
disqualification. Re-running never duplicates an outcome. 排名通报 records are not computed here: they
are written when a monthly 通报 naming the units is issued (record_bulletin_notices)."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from fanzha.assessment import rules
from fanzha.assessment.certification import recheck_published
from fanzha.assessment.formulas import change_pct, signed_pct
from fanzha.assessment.models import Notice, Outcome
from fanzha.assessment.models.notices import NoticeKind
from fanzha.assessment.monthly import PeriodFigures, month_range, monthly_figures, period_figures
from fanzha.assessment.tally import Tally, counted_cases, tally
from fanzha.core.money import format_wan
from fanzha.core.periods import Period
from fanzha.keypersons.queries import dens_between
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level

INDICATOR_NAMES = {"cases": "发案数", "loss": "损失金额", "per_10k": "万人发案数"}
NOTICE_LEVELS = {"village": "村(社区)", "unit": "成员单位"}
LOOKBACK_MONTHS = 3  # enough history for a streak of four to be seen in January


@dataclass
class Run:
    through: Period
    outcomes: list[Outcome]


def month_end(month: Period) -> date:
    return date(month.year, month.first_month, monthrange(month.year, month.first_month)[1])


def _units(kinds) -> dict[int, OrgUnit]:
    return {u.id: u for u in OrgUnit.objects.filter(kind__in=kinds, is_active=True)}


def _figures_text(months: list[PeriodFigures], org_id: int) -> str:
    last = months[-1]
    tally_ = last.by_unit.get(org_id, Tally())
    per_10k = last.per_10k.get(org_id)
    return f"{last.period.label}发案{tally_.cases}起，损失{format_wan(tally_.loss_fen)}" + (
        f"，万人发案数{per_10k}" if per_10k is not None else ""
    )


def station_interviews(through: Period, settings: dict) -> list[Outcome]:
    level = get_level("station")
    first = Period(through.year, 1, 1)
    months = month_range(_shift(first, -LOOKBACK_MONTHS), through)
    figures = monthly_figures(level, months, settings["indicators.excluded_statuses"])
    stations = _units(level.kinds)
    ids = list(stations)
    reading, ties = settings["interview.reading"], settings["interview.ties"]
    history: dict[int, list[set[str]]] = {i: [] for i in ids}
    made = []
    for index, month in enumerate(figures):
        tops = {ind: month.top(ind, ids, ties) for ind in rules.THREE_INDICATORS}
        for org_id in ids:
            history[org_id].append({ind for ind, winners in tops.items() if org_id in winners})
            streak = rules.top_streak(history[org_id], reading)
            kind = rules.interview_for_streak(streak, settings["interview.after_third_month"])
            if kind is None or month.period.year != through.year:
                continue
            run = figures[index - streak + 1 : index + 1]
            which = (
                "三项指标"
                if reading == "all"
                else "、".join(
                    INDICATOR_NAMES[i]
                    for i in rules.THREE_INDICATORS
                    if all(i in h for h in history[org_id][-streak:])
                )
            )
            station = stations[org_id]
            reason = (
                f"{station.name}{run[0].period.label}至{run[-1].period.label}连续{streak}个月{which}处于全县派出所最高位"
                f"（{_figures_text(run, org_id)}）。依据《2024年打击整治电信网络诈骗工作方案》考评机制：连续两个月约谈分管所长，连续三个月约谈所长。"
            )
            made.append(
                Outcome(
                    kind=kind,
                    org=station,
                    period=str(month.period),
                    reason=reason,
                    figures={"streak": streak, "months": [str(m.period) for m in run], "reading": reading},
                )
            )
    return made


def _shift(month: Period, months: int) -> Period:
    index = month.year * 12 + month.first_month - 1 + months
    return Period(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class NamedUnit:
    """A unit an issued 通报 names in a ranking section: its level key (village, unit), its place and
    figures as printed."""

    org_id: int
    level: str
    position: int
    cases: int
    loss_fen: int


def record_bulletin_notices(period: Period, document: str, issued_on: date, named: list[NamedUnit]) -> int:
    """An issued monthly 通报 names the top N villages/communities and member units on 发案数 (000 洋口
    「对发案数量排名靠前的村(居)和行业单位进行通报」): one 排名通报 record per unit it names, carrying the
    document's number — exactly the units in the document, no others. A unit already recorded for the
    period and ranking keeps its record (a 通报 is issued once per period)."""
    recorded = 0
    for unit in named:
        label = NOTICE_LEVELS[unit.level]
        _, created = Notice.objects.get_or_create(
            org_id=unit.org_id,
            kind=NoticeKind.RANKING,
            period=str(period),
            ranking=f"{unit.level}_cases",
            defaults={
                "issued_on": issued_on,
                "position": unit.position,
                "document": document,
                "reason": f"{period.label}{label}发案数排名第{unit.position}（{unit.cases}起，"
                f"损失{format_wan(unit.loss_fen)}），见{document}通报",
            },
        )
        recorded += created
    return recorded


def rectification_listings(through: Period, settings: dict) -> list[Outcome]:
    as_of = month_end(through)
    counted = (NoticeKind.RANKING, NoticeKind.CRITICISM)
    dates: dict[int, list[date]] = {}
    for org_id, issued in Notice.objects.filter(kind__in=counted, issued_on__lte=as_of).values_list(
        "org_id", "issued_on"
    ):
        dates.setdefault(org_id, []).append(issued)
    threshold, window = settings["rectification.threshold"], settings["rectification.window"]
    made = []
    units = OrgUnit.objects.in_bulk(list(dates))
    for org_id, issued in dates.items():
        if not rules.listed_for_rectification(issued, as_of, threshold, window):
            continue
        inside = sorted(rules.notices_in_window(issued, as_of, window))
        made.append(
            Outcome(
                kind="listed_for_rectification",
                org=units[org_id],
                period=str(through.year),
                reason=f"{units[org_id].name}截至{as_of:%Y年%-m月%-d日}被通报{len(inside)}次"
                f"（{'、'.join(f'{d:%-m月}' for d in inside)}），达到{threshold}次以上，依据打击治理电信网络诈骗工作方案实行挂牌整治。",
                figures={"notices": len(inside), "threshold": threshold, "window": window},
            )
        )
    return made


def major_case_reviews(through: Period, settings: dict) -> list[Outcome]:
    threshold = settings["review.threshold_yuan"]
    year = Period(through.year, 1, 12)
    cases = (
        counted_cases(settings["indicators.excluded_statuses"])
        .filter(reported_at__gte=year.start, reported_at__lt=through.end)
        .filter(loss_fen__gte=threshold * 100)
        .select_related("place", "fraud_type")
    )
    made = []
    for case in cases:
        if not rules.needs_full_chain_review(case.loss_fen, threshold):
            continue
        made.append(
            Outcome(
                kind="major_case_review",
                org=case.place,
                case=case,
                period=str(Period.month_of(timezone.localtime(case.reported_at).date())),
                reason=f"案件{case.case_number}（{case.fraud_type.name}，{case.place.name}）损失"
                f"{format_wan(case.loss_fen)}，达到{threshold // 10000}万元（含本数），依据打击治理电信网络诈骗工作方案开展全环节倒查。",
                figures={"loss_fen": case.loss_fen, "threshold_yuan": threshold},
            )
        )
    return made


def den_reviews(through: Period) -> list[Outcome]:
    """000 洋口: 「查獲的本地電信網絡詐騙窩點」 … 「全環節開展倒查,查找防范監管漏洞」 — every local den found
    opens a full-chain review of its village, one per village and month (the dens of the month listed)."""
    year = Period(through.year, 1, 12)
    last_day = month_end(through)
    by_key: dict[tuple[int, str], list] = {}
    for den in dens_between(year.start.date(), last_day):
        by_key.setdefault((den.village_id, str(Period.month_of(den.found_on))), []).append(den)
    made = []
    for (_, period), dens in by_key.items():
        places = "；".join(f"{d.found_on:%Y-%m-%d} {d.address}" for d in dens)
        made.append(
            Outcome(
                kind="den_review",
                org=dens[0].village,
                period=period,
                reason=f"{dens[0].village.name}查获本地电信网络诈骗窝点{len(dens)}处（{places}），"
                "依据打击治理电信网络诈骗工作方案全环节开展倒查，查找防范监管漏洞。",
                figures={"dens": [d.pk for d in dens]},
            )
        )
    return made


def award_ineligibility(year: int, settings: dict) -> list[Outcome]:
    level = get_level("station")
    period = Period(year, 1, 12)
    spans = {"now": period, "before": period.same_period_last_year()}
    figures = tally(spans, level=level, excluded_statuses=settings["indicators.excluded_statuses"])
    annual = period_figures(level, period, settings["indicators.excluded_statuses"])
    stations = _units(level.kinds)
    highest = annual.top("per_10k", list(stations), "shared")
    made = []
    for org_id, station in stations.items():
        now, before = figures["now"].get(org_id, Tally()), figures["before"].get(org_id, Tally())
        check = rules.award_eligibility(
            now.cases > before.cases,
            now.loss_fen > before.loss_fen,
            org_id in highest,
            settings["award.rise_reading"],
        )
        if not check.ineligible:
            continue
        detail = (
            f"发案{before.cases}→{now.cases}起（{signed_pct(change_pct(now.cases, before.cases), '去年为0')}），"
            f"损失{format_wan(before.loss_fen)}→{format_wan(now.loss_fen)}（{signed_pct(change_pct(now.loss_fen, before.loss_fen), '去年为0')}）"
        )
        if org_id in highest:
            detail += f"，万人发案数{annual.per_10k.get(org_id)}为全县最高"
        made.append(
            Outcome(
                kind="award_ineligible",
                org=station,
                period=str(year),
                reason=f"{station.name}{year}年{'、'.join(check.reasons)}（{detail}），依据《2024年打击整治电信网络诈骗工作方案》考评机制取消年度评先评优资格。",
                figures={"reasons": check.reasons, "reading": settings["award.rise_reading"]},
            )
        )
    return made


def _key(outcome: Outcome) -> tuple:
    return (
        (outcome.kind, outcome.case_id) if outcome.case_id else (outcome.kind, outcome.org_id, outcome.period)
    )


def store_outcomes(computed: list[Outcome]) -> list[Outcome]:
    """Create the outcomes not yet recorded (one insert for all of them); return every computed
    outcome as stored, with its status — an outcome already acted on is never reset."""
    if not computed:
        return []
    kinds = {o.kind for o in computed}
    periods = {o.period for o in computed}
    existing = Outcome.objects.filter(kind__in=kinds, period__in=periods).select_related("org", "case")
    stored = {_key(o): o for o in existing}
    fresh = [o for o in computed if _key(o) not in stored]
    Outcome.objects.bulk_create(fresh)
    for outcome in fresh:
        stored[_key(outcome)] = outcome
    return [stored[_key(o)] for o in computed]


@transaction.atomic
def run_escalations(through: Period, settings: dict | None = None) -> Run:
    if through.months != 1:
        through = Period(through.year, through.first_month + through.months - 1, 1)
    settings = settings or config.current()
    computed = [
        *station_interviews(through, settings),
        *rectification_listings(through, settings),
        *major_case_reviews(through, settings),
        *den_reviews(through),
        *(award_ineligibility(through.year, settings) if through.first_month == 12 else []),
    ]
    outcomes = store_outcomes(computed)
    recheck_published(through.year, settings)
    if through.first_month == 1:
        recheck_published(through.year - 1, settings)  # cases of December reported late
    return Run(through, outcomes)
