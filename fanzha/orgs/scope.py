"""The one way views and the API read data: `Model.objects.visible_to(user)`.

Every org unit carries a materialised path (/1/12/305/). A user belongs to one unit and sees what
lies in that unit's subtree. A model says which of its org references place a record in a subtree
(`scope_paths`); a record is visible when any of them is. Anything else is a 404, not a 403."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q


class ScopedQuerySet(models.QuerySet):
    #: lookups that lead from this model to an org unit's path; override per model
    scope_paths: tuple[str, ...] = ("path",)

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        org = getattr(user, "org", None)
        if org is None:
            return self.none()
        if org.parent_id is None:
            # the root's subtree is everything: skip the LIKE on a million rows
            return self
        return self.filter(
            reduce(or_, (Q(**{f"{lookup}__startswith": org.path}) for lookup in self.scope_paths))
        )


def scoped_manager(*paths: str):
    """A manager whose queryset scopes through the given org-path lookups."""
    queryset_class = type("ScopedQuerySet", (ScopedQuerySet,), {"scope_paths": tuple(paths)})
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
