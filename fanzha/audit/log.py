"""Writing the audit trail. Services call these; nothing else writes audit rows."""

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
