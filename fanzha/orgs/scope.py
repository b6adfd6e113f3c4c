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


def subtree_ids(user) -> list[int]:
    cached = getattr(user, "_fanzha_subtree_ids", None)
    if cached is None:
        from fanzha.orgs.models import OrgUnit

        cached = list(OrgUnit.objects.filter(path__startswith=user.org.path).values_list("id", flat=True))
        user._fanzha_subtree_ids = cached
    return cached


def sees_everything(user) -> bool:
    return user.is_superuser or (user.org is not None and user.org.parent_id is None)


class ScopedQuerySet(models.QuerySet):
    #: foreign keys (or paths of them) to OrgUnit that place a record in a subtree; "id" for OrgUnit itself
    scope_fields: tuple[str, ...] = ()

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if getattr(user, "org", None) is None and not user.is_superuser:
            return self.none()
        if sees_everything(user):
            return self  # the root's subtree is everything
        ids = subtree_ids(user)
        return self.filter(reduce(or_, (Q(**{f"{field}__in": ids}) for field in self.scope_fields)))


def scoped_manager(*fields: str):
    """A manager whose queryset scopes through the given org references."""
    queryset_class = type("ScopedQuerySet", (ScopedQuerySet,), {"scope_fields": tuple(fields)})
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
