"""What a user's home page shows: the headline figures and the type table of their own subtree, and
the charts (monthly trend, type mix, the ranking of the units one level below them: the county ranks
stations, a station or a town its villages). Read with the same tallies as every ranking and 通报, so
the figures agree everywhere (撤案 left out as configured); nothing is cached or stored."""

from datetime import date, timedelta

from fanzha.assessment.monthly import monthly_trend
from fanzha.assessment.ranking import build_ranking
from fanzha.assessment.tally import Tally, tally
from fanzha.cases.queries import unit_filter
from fanzha.core import clock
from fanzha.core.periods import BEIJING, DateRange, Period
from fanzha.orgs.choices import TOWN_KINDS, OrgKind
from fanzha.parameters import config
from fanzha.parameters.levels import get_level


def _ranked_level(org):
    if org.parent_id is None:
        return get_level("station")
    if org.kind in TOWN_KINDS or org.kind == OrgKind.STATION:
        return get_level("village")
    return None


def _excluded():
    return config.current()["indicators.excluded_statuses"]


def headline(org, today: date) -> dict[str, Tally]:
    """This month, last month, the year so far, and 去年同期 (1 January last year through the same day
    last year): the whole months from the monthly summary, the days of the last one from the cases."""
    where, excluded = unit_filter(org), _excluded()
    month = Period.month_of(today)
    spans = {"this_month": month, "last_month": month.previous(), "this_year": Period(today.year, 1, 12)}
    if today.month > 1:
        spans["last_year_months"] = Period(today.year - 1, 1, today.month - 1)
    found = tally(spans, where=where, excluded_statuses=excluded)
    counted = {name: by_unit.get(None, Tally()) for name, by_unit in found.items()}
    month_last_year = DateRange(date(today.year, today.month, 1), today).same_period_last_year()
    days = tally({"days": month_last_year}, where=where, excluded_statuses=excluded)["days"].get(
        None, Tally()
    )
    counted["last_year_same"] = counted.pop("last_year_months", Tally()) + days
    return counted


def by_type(org, year: Period) -> list[tuple[str, Tally]]:
    """The year's cases by fraud type, most cases first."""
    found = tally(
        {"year": year}, where=unit_filter(org), by="fraud_type__name", excluded_statuses=_excluded()
    )
    return sorted(found["year"].items(), key=lambda item: (-item[1].cases, item[0]))


def dashboard(user, types: list[tuple[str, Tally]] | None = None) -> dict:
    """The charts; `types` is by_type() for this year, when the caller has it already."""
    org = user.org
    if org is None:
        return {}
    excluded = _excluded()
    today = clock.now().astimezone(BEIJING).date()
    last = Period.month_of(today)
    where = unit_filter(org)
    data = {"trend": monthly_trend(where, last, excluded)}
    ordered = types if types is not None else by_type(org, Period(today.year, 1, 12))
    data["mix"] = {"labels": [name for name, _ in ordered], "values": [t.cases for _, t in ordered]}
    level = _ranked_level(org)
    if level is not None:
        month = Period.month_of(today - timedelta(days=today.day))  # the last complete month
        ranking = build_ranking(level, month, within=org)
        rows = [r for r in ranking.rows if r.current.cases][:15]
        data["ranking"] = {
            "title": f"{month.label}{level.label}发案数排名",
            "labels": [r.name for r in rows],
            "values": [r.current.cases for r in rows],
        }
    return data
