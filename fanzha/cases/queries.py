"""The case ledger's published read interface: what other apps ask of the cases."""

from django.db.models import Count, Q

from fanzha.cases.models import Case
from fanzha.orgs.choices import PLACE_KINDS, TOWN_KINDS, OrgKind


def unit_filter(org) -> Q:
    """The cases that belong to one unit: everything for the county, a town's or a village's by
    place, a station's by station, a member unit's by the victim's employer."""
    if org.parent_id is None:
        return Q()
    if org.kind in TOWN_KINDS:
        return Q(town_id=org.id)
    if org.kind in PLACE_KINDS:
        return Q(place_id=org.id)
    if org.kind == OrgKind.STATION:
        return Q(station_id=org.id)
    if org.kind == OrgKind.MEMBER_UNIT:
        return Q(employer_id=org.id)
    return Q(pk__in=[])


def years_of_unit(user, org) -> list[tuple[int, int]]:
    """(year, cases) of a unit's cases the user may see, latest year first (the org page's panel)."""
    rows = (
        Case.objects.visible_to(user)
        .filter(unit_filter(org))
        .values("reported_at__year")
        .annotate(n=Count("id"))
        .order_by("-reported_at__year")
    )
    return [(row["reported_at__year"], row["n"]) for row in rows]
