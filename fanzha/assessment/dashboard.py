"""What a user's dashboard charts: the monthly trend and type mix of their own subtree, and the
ranking of the units one level below them (the county ranks stations, a station or a town its
villages). Read with the same tallies as everything else; nothing is cached or stored."""

from datetime import timedelta

from django.utils import timezone

from fanzha.assessment import config
from fanzha.assessment.levels import get_level
from fanzha.assessment.monthly import monthly_trend
from fanzha.assessment.ranking import build_ranking
from fanzha.assessment.tally import tally, unit_filter
from fanzha.core.periods import Period
from fanzha.orgs.choices import TOWN_KINDS, OrgKind


def _ranked_level(org):
    if org.parent_id is None:
        return get_level("station")
    if org.kind in TOWN_KINDS or org.kind == OrgKind.STATION:
        return get_level("village")
    return None


def dashboard(user) -> dict:
    org = user.org
    if org is None:
        return {}
    excluded = config.current()["indicators.excluded_statuses"]
    today = timezone.localdate()
    last = Period.month_of(today)
    where = unit_filter(org)
    data = {"trend": monthly_trend(where, last, excluded)}
    year = Period(today.year, 1, 12)
    mix = tally(
        {"year": year}, where=where, by="fraud_type__name", excluded_statuses=excluded, with_money=False
    )["year"]
    ordered = sorted(mix.items(), key=lambda item: -item[1].cases)
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
