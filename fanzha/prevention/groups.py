"""反诈微信群: the last push of each group and the groups that have gone quiet (no push for N days,
configurable, 002 「每周至少一次」)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from fanzha.assessment import config
from fanzha.audit import log as audit
from fanzha.prevention.models import GroupPush, WeChatGroup


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
def record_push(user, group: WeChatGroup, pushed_on, content: str, pushed_by: str = "") -> GroupPush:
    push = GroupPush.objects.create(
        group=group, pushed_on=pushed_on, content=content, pushed_by=pushed_by, created_by=user
    )
    audit.record_change(
        user, "create", push, None, audit.snapshot(push, ("group", "pushed_on", "content", "pushed_by"))
    )
    return push
