"""The case ledger's published read interface: what other apps ask of the cases."""

from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from fanzha.cases.models import Case, SuspectIdentifier
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


def cases_holding(pairs) -> list[tuple[str, str, int, int, int, datetime, str]]:
    """(kind, value, case id, station id, place id, reported at, case number) of every case holding one of the
    (kind, value) suspect identifiers, in one query (the clue desk matches pushed clues with it)."""
    pairs = list(pairs)
    if not pairs:
        return []
    rows = SuspectIdentifier.objects.filter(reduce(or_, (Q(kind=k, value=v) for k, v in pairs)))
    return list(
        rows.values_list(
            "kind",
            "value",
            "case_id",
            "case__station_id",
            "case__place_id",
            "case__reported_at",
            "case__case_number",
        ).order_by()
    )


def visible_case_numbers(user, ids) -> dict[int, str]:
    """{case id: case number} of those of the cases the user may open (others are absent)."""
    return dict(Case.objects.visible_to(user).filter(pk__in=list(ids)).values_list("pk", "case_number"))


def identifiers_of(user, case_id: int) -> list[tuple[str, str]] | None:
    """(kind, value) of the suspect identifiers of a case the user may see; None when they may not
    (a panel of another app on the case page answers 404 then)."""
    if not Case.objects.visible_to(user).filter(pk=case_id).exists():
        return None
    return list(SuspectIdentifier.objects.filter(case_id=case_id).values_list("kind", "value"))
