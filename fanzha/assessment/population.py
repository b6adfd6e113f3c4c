"""The denominator of 万人发案数: the population of a unit for a year.

A unit's own Population row wins. Without one, a station's population is the sum over the
villages/communities it covers, a town's the sum over its villages/communities, and the county's the
sum over all of them. A unit with no figure at all has None and is flagged, never ranked on 万人发案数.
"""

from collections import defaultdict

from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit, Population


def populations(year: int) -> dict[int, int | None]:
    """org id → population for the year, for every unit that has or can derive one."""
    own = {
        org_id: people
        for org_id, people in Population.objects.filter(year=year, population__isnull=False).values_list(
            "org_id", "population"
        )
    }
    derived: dict[int, int] = defaultdict(int)
    places = OrgUnit.objects.filter(kind__in=PLACE_KINDS).values_list("id", "parent_id", "station_id")
    root_ids = set(OrgUnit.objects.filter(parent__isnull=True).values_list("id", flat=True))
    for place_id, parent_id, station_id in places:
        people = own.get(place_id)
        if people is None:
            continue
        for owner in (parent_id, station_id, *root_ids):
            if owner is not None:
                derived[owner] += people
    result: dict[int, int | None] = dict(derived)
    result.update(own)
    return result
