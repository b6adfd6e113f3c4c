"""The denominator of 万人发案数: the population of a unit for a year.

A unit's own Population row wins. Without one, a station's population is the sum over the
villages/communities it covers, a town's the sum over its villages/communities, and the county's the
sum over all of them. A unit with no figure at all has None and is flagged, never ranked on 万人发案数.
"""

from collections import defaultdict

from django.db.models import Sum

from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit, Population


def populations(year: int, kinds: tuple[str, ...] | None = None) -> dict[int, int | None]:
    """org id → population for the year, for every unit that has or can derive one (one query).
    With `kinds`, only for units of those kinds (a station ranking reads 200 sums, not 4,000 rows)."""
    if kinds is not None and not set(kinds) & set(PLACE_KINDS):
        return _summed(year, kinds)
    rows = Population.objects.filter(year=year, population__isnull=False).values_list(
        "org_id", "org__kind", "org__parent_id", "org__station_id", "population"
    )
    own: dict[int, int] = {}
    derived: dict[int, int] = defaultdict(int)
    total = None
    for org_id, kind, parent_id, station_id, people in rows:
        own[org_id] = people
        if kind in PLACE_KINDS:
            total = (total or 0) + people
            derived[parent_id] += people
            if station_id is not None:
                derived[station_id] += people
    result: dict[int, int | None] = dict(derived)
    if total is not None:
        for root_id in OrgUnit.objects.filter(parent__isnull=True).values_list("id", flat=True):
            result[root_id] = total
    result.update(own)
    return result


def _summed(year: int, kinds: tuple[str, ...]) -> dict[int, int | None]:
    """Derived populations summed in the database, for units that are not villages/communities."""
    rows = Population.objects.filter(year=year, population__isnull=False)
    places = rows.filter(org__kind__in=PLACE_KINDS)
    result: dict[int, int | None] = defaultdict(int)
    # one small grouping (town × station pairs), summed both ways here
    pairs = (
        places.values_list("org__parent_id", "org__station_id").annotate(total=Sum("population")).order_by()
    )
    for parent_id, station_id, people in pairs:
        for owner in (parent_id, station_id):
            if owner is not None:
                result[owner] += people
    result = dict(result)
    result.update(rows.filter(org__kind__in=kinds).values_list("org_id", "population"))
    return result
