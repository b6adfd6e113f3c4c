"""How a unit is named on screen, in exports and in documents: one rule, here.

A county's villages and communities repeat (three 「邵家村」 in three towns, a 「春晖社区」 in two
streets), so a village or community is always named with its town or street before it:
「城关镇邵家村」, as a Chinese document writes it. Every other unit (town, street, station, member
unit) is named as it is. The same text is accepted back by `lookups.org_keys`."""

from django.db.models import Case, F, When
from django.db.models.functions import Concat

from fanzha.orgs.choices import PLACE_KINDS


def qualify(kind: str, name: str, parent_name: str | None) -> str:
    """The display name of a unit of `kind` called `name` under a unit called `parent_name`."""
    if kind in PLACE_KINDS and parent_name:
        return f"{parent_name}{name}"
    return name


def display_name_expression(prefix: str = ""):
    """The display name as an SQL expression over an OrgUnit (or over the unit at `prefix`, such as
    "place__"), for `values()` and `annotate()` that read many names in one query."""
    return Case(
        When(
            **{f"{prefix}kind__in": list(PLACE_KINDS), f"{prefix}parent__isnull": False},
            then=Concat(F(f"{prefix}parent__name"), F(f"{prefix}name")),
        ),
        default=F(f"{prefix}name"),
    )


def town_of(kind: str, parent_name: str | None) -> str | None:
    """The group a unit's option sits in: a village's town; None for the rest."""
    return parent_name if kind in PLACE_KINDS else None
