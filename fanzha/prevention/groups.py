"""反诈微信群: the last push of each group and the groups that have gone quiet (no push for N days,
configurable, 002 「每周至少一次」)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.parameters import config
from fanzha.prevention.models import GroupPush, OwnerChange, WeChatGroup


def with_last_push(queryset):
    return queryset.annotate(last_push=Max("pushes__pushed_on")).order_by("org__path", "name", "id")


def stale_filter(queryset, stale: bool | None, today=None):
    """Active groups whose last push (or creation, if none) is at least N days old."""
    if stale is None:
        return queryset
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=config.current()["groups.stale_days"])
    quiet = Q(is_active=True) & (Q(last_push__lte=cutoff) | Q(last_push__isnull=True, created_on__lte=cutoff))
    annotated = with_last_push(queryset)
    return annotated.filter(quiet) if stale else annotated.exclude(quiet)


@transaction.atomic
def change_owner(
    user, group: WeChatGroup, new_name: str, new_phone: str, changed_on, reason: str
) -> OwnerChange:
    """Name a new owner (the written report of 000 篇四), keeping the history."""
    change = OwnerChange.objects.create(
        group=group,
        previous_name=group.owner_name,
        new_name=new_name,
        changed_on=changed_on,
        reason=reason,
        changed_by=user if getattr(user, "pk", None) else None,
    )
    before = audit.snapshot(group, ("owner_name", "owner_phone"))
    group.owner_name, group.owner_phone = new_name, new_phone
    group.save(update_fields=["owner_name", "owner_phone"])
    audit.record_change(user, "update", group, before, audit.snapshot(group, ("owner_name", "owner_phone")))
    return change


@transaction.atomic
def record_push(user, group: WeChatGroup, pushed_on, content: str, pushed_by: str = "") -> GroupPush:
    push = GroupPush.objects.create(
        group=group, pushed_on=pushed_on, content=content, pushed_by=pushed_by, created_by=user
    )
    audit.record_change(
        user, "create", push, None, audit.snapshot(push, ("group", "pushed_on", "content", "pushed_by"))
    )
    return push
