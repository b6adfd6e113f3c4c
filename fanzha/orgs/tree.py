"""Changes to the tree that touch more than one row."""

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr

from fanzha.orgs.models import OrgUnit


class TreeError(ValueError):
    pass


@transaction.atomic
def move(unit: OrgUnit, new_parent: OrgUnit | None) -> None:
    """Re-parent a unit and rewrite the paths and levels of its whole subtree."""
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise TreeError(f"不能把「{unit.name}」移到它自己的下级「{new_parent.name}」之下")
    old_path = unit.path
    unit.parent = new_parent
    unit.save()
    new_path = unit.path
    if new_path == old_path:
        return
    depth_change = new_path.count("/") - old_path.count("/")
    OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
        level=F("level") + depth_change,
    )
