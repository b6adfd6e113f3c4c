"""Building and writing the audit trail: every change-log and access-log row is made by a function of
this module (audit/tests/test_writers.py holds the rest of the code to that). Change rows are written by
the actions — `audit/actions.py`, the services, and bulk actions that insert the rows `change_row`
built — never by forms or views; access rows (`record_access`) by the views and exports that show or
hand out personal data in clear, and by the backup."""

from collections.abc import Iterable

from django.db import models

from fanzha.audit.context import current_request_id
from fanzha.audit.models import AccessLog, ObjectChange


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """A JSON-safe copy of the named fields (foreign keys as their ids)."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        data[name] = value if value is None or isinstance(value, int | str | bool | float) else str(value)
    return data


def _actor(user):
    if user is not None and getattr(user, "is_authenticated", False):
        return user, user.get_username()
    return None, "系统"


def change_row(user, action: str, obj: models.Model, before: dict | None, after: dict | None) -> ObjectChange:
    actor, username = _actor(user)
    return ObjectChange(
        user=actor,
        username=username,
        request_id=current_request_id(),
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
    )


def record_change(
    user, action: str, obj: models.Model, before: dict | None, after: dict | None
) -> ObjectChange:
    row = change_row(user, action, obj, before, after)
    row.save()
    return row


def record_pruning(user, cutoff, removed: dict) -> ObjectChange:
    """The one row a prune of the trail leaves: what it removed, and from when the trail now runs."""
    actor, username = _actor(user)
    return ObjectChange.objects.create(
        user=actor,
        username=username,
        request_id=current_request_id(),
        action=ObjectChange.Action.DELETE,
        model=ObjectChange._meta.label_lower,
        object_id="",
        object_repr=f"清理 {cutoff.date().isoformat()} 之前的审计记录",
        before=removed,
        after={"kept_from": cutoff.isoformat()},
    )


def record_access(
    request_or_user, action: str, model: str, object_id: str, fields: str, detail: str = ""
) -> None:
    user = getattr(request_or_user, "user", request_or_user)
    address = None
    if hasattr(request_or_user, "META"):
        address = request_or_user.META.get("REMOTE_ADDR") or None
    actor, username = _actor(user)
    AccessLog.objects.create(
        user=actor,
        username=username,
        address=address,
        action=action,
        model=model,
        object_id=str(object_id),
        fields=fields[:200],
        detail=detail[:500],
    )
