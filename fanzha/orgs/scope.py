"""The one way views and the API read data: `Model.objects.visible_to(user)`.

Every org unit carries a materialised path (/1/12/305/). A user belongs to one unit and sees what
lies in that unit's subtree. A model names the org references that place a record in a subtree
(`scope_fields`, e.g. a case's place, station and employer); a record is visible when any of them
lies in the user's subtree. Anything else is a 404, not a 403.

The subtree is read once per user object (a few hundred ids at most) and the filter becomes
`place_id IN (…) OR station_id IN (…)`, which the databases answer from the foreign-key indexes."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q


def subtree(user) -> list[tuple[int, str]]:
    """(id, kind) of every unit in the user's subtree, read once per user object."""
    cached = getattr(user, "_fanzha_subtree", None)
    if cached is None:
        from fanzha.orgs.models import OrgUnit

        cached = list(OrgUnit.objects.filter(path__startswith=user.org.path).values_list("id", "kind"))
        user._fanzha_subtree = cached
    return cached


def sees_everything(user) -> bool:
    return user.is_superuser or (user.org is not None and user.org.parent_id is None)


class ScopedQuerySet(models.QuerySet):
    #: foreign keys (or paths of them) to OrgUnit that place a record in a subtree ("id" for OrgUnit
    #: itself), each with the kinds of unit it can point to (None: any). A field is only tested against
    #: the subtree's units of its kinds, so a station user's case filter is `station_id IN (…)` alone.
    scope_fields: tuple[tuple[str, tuple[str, ...] | None], ...] = ()

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if getattr(user, "org", None) is None and not user.is_superuser:
            return self.none()
        if sees_everything(user):
            return self  # the root's subtree is everything
        units = subtree(user)
        tests = []
        for field, kinds in self.scope_fields:
            ids = [pk for pk, kind in units if kinds is None or kind in kinds]
            if ids:
                tests.append(Q(**{f"{field}__in": ids}))
        return self.filter(reduce(or_, tests)) if tests else self.none()


def scoped_manager(*fields: str | tuple[str, tuple[str, ...] | None]):
    """A manager whose queryset scopes through the given org references: a field name, or
    (field name, kinds of unit it points to)."""
    spec = tuple(f if isinstance(f, tuple) else (f, None) for f in fields)
    queryset_class = type("ScopedQuerySet", (ScopedQuerySet,), {"scope_fields": spec})
    return models.Manager.from_queryset(queryset_class)()


def covers(user, org) -> bool:
    """May this user act on records placed at `org`? (Writes re-check the new place.)"""
    if user.is_superuser:
        return True
    home = getattr(user, "org", None)
    if home is None or org is None:
        return False
    return org.path.startswith(home.path) or (
        org.station_id is not None and org.station.path.startswith(home.path)
    )
