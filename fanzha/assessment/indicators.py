"""Every indicator of one unit for one period, each with its numerator and denominator: 发案数,
损失金额, 挽损金额, 万人发案数, 同比 and 环比, broken down by fraud type, channel and victim group, and
the monthly trend of the last two years; and the strike side's (止付冻结, 打击处理人数: strike_work.py)."""

from fanzha.assessment.formulas import cases_per_10k, change_pct
from fanzha.assessment.monthly import monthly_trend
from fanzha.assessment.population import populations
from fanzha.assessment.strike_work import strike_indicators
from fanzha.assessment.tally import Tally, tally
from fanzha.cases.choices import Channel, VictimGroup
from fanzha.cases.models import FraudType
from fanzha.cases.queries import unit_filter
from fanzha.core.money import format_yuan
from fanzha.core.periods import Period
from fanzha.parameters import config

BREAKDOWNS = {
    "fraud_type": ("诈骗类型", "fraud_type_id"),
    "channel": ("诈骗渠道", "channel"),
    "victim_group": ("人群类别", "victim_group"),
}


def _labels(key: str) -> dict:
    if key == "fraud_type":
        return dict(FraudType.objects.values_list("id", "name"))
    return dict((Channel if key == "channel" else VictimGroup).choices)


def _figure(now: Tally, last_year: Tally, previous: Tally) -> dict:
    return {
        "cases": now.cases,
        "loss_yuan": format_yuan(now.loss_fen),
        "recovered_yuan": format_yuan(now.recovered_fen),
        "cases_last_year": last_year.cases,
        "cases_yoy_pct": change_pct(now.cases, last_year.cases),
        "cases_previous": previous.cases,
        "cases_mom_pct": change_pct(now.cases, previous.cases),
        "loss_last_year_yuan": format_yuan(last_year.loss_fen),
        "loss_yoy_pct": change_pct(now.loss_fen, last_year.loss_fen),
        "loss_previous_yuan": format_yuan(previous.loss_fen),
        "loss_mom_pct": change_pct(now.loss_fen, previous.loss_fen),
    }


def unit_indicators(org, period) -> dict:
    settings = config.current()
    excluded = settings["indicators.excluded_statuses"]
    where = unit_filter(org)
    spans = {"now": period, "last_year": period.same_period_last_year(), "previous": period.previous()}
    overall = tally(spans, where=where, excluded_statuses=excluded)
    now, last_year, previous = (overall[name].get(None, Tally()) for name in spans)
    population = populations(period.year).get(org.id)
    result = _figure(now, last_year, previous) | {
        "population": population,
        "population_year": period.year,
        "cases_per_10k": cases_per_10k(now.cases, population),
        "breakdowns": {},
    }
    for key, (label, field) in BREAKDOWNS.items():
        split = tally(spans, where=where, by=field, excluded_statuses=excluded)
        names = _labels(key)
        keys = sorted(
            {k for part in split.values() for k in part}, key=lambda k: -split["now"].get(k, Tally()).cases
        )
        rows = []
        for value in keys:
            figures = _figure(*(split[name].get(value, Tally()) for name in spans))
            rows.append(
                {"label": names.get(value, "未填写") if value not in (None, "") else "未填写", "value": value}
                | figures
            )
        result["breakdowns"][key] = {"label": label, "rows": rows}
    last = Period.month_of(period.last_day)
    result["trend"] = monthly_trend(where, last, excluded)
    result["strike"] = strike_indicators(org, period)
    return result
