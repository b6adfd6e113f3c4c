"""Changes to the tree that touch more than one row.

A unit's place in the tree is its materialised path (/1/12/305/). Every change of parent — the
admin, an import, a plain `save()` — goes through `OrgUnit.save()`, which refuses a move under the
unit itself or its own descendant and rewrites the subtree's paths in the same transaction."""

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Length, Substr


class TreeError(ValueError):
    pass


def refuse_cycle(unit, old_path: str, parent_path: str) -> None:
    """A unit cannot sit under itself or under one of its own descendants."""
    if old_path and parent_path.startswith(old_path):
        raise TreeError(f"不能把「{unit.name}」移到它自己的下级「{unit.parent.name}」之下")


def rewrite_subtree(units: QuerySet, old_path: str, new_path: str) -> int:
    """Give every descendant of the unit once at `old_path` the prefix `new_path` and its new level."""
    depth_change = new_path.count("/") - old_path.count("/")
    return (
        units.filter(path__startswith=old_path)
        .exclude(path=old_path)
        .update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1, Length("path"))),
            level=F("level") + depth_change,
        )
    )


def move(unit, new_parent) -> None:
    """Re-parent a unit; its save moves the whole subtree with it (or raises TreeError)."""
    unit.parent = new_parent
    unit.save()
