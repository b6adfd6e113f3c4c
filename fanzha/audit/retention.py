"""Pruning the audit trail. The 网络安全法 (第二十一条) asks that network logs be kept for no less than
six months, so nothing younger than `MINIMUM_DAYS` is ever removed, whatever the command is told.
A prune removes the change log (变更记录) and the access log (个人信息访问记录) rows before the cut-off,
in one transaction, and leaves one row of its own in the change log saying what it removed and when
the remaining trail begins — so a gap in the trail is always a recorded, deliberate one."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from fanzha.audit import log
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.core import clock
from fanzha.core.periods import BEIJING

MINIMUM_DAYS = 183  # six months, counted generously


class RetentionError(ValueError):
    pass


@dataclass(frozen=True)
class Pruned:
    before: datetime
    changes: int
    accesses: int


def cutoff_for(
    before: date | None = None, keep_days: int | None = None, now: datetime | None = None
) -> datetime:
    """Beijing midnight of `before`, or of the day `keep_days` ago; refused when younger than six months."""
    now = now or clock.now()
    if (before is None) == (keep_days is None):
        raise RetentionError("请指定 --before 日期或 --keep-days 天数（二选一）")
    if keep_days is not None:
        before = (now.astimezone(BEIJING) - timedelta(days=keep_days)).date()
    cutoff = datetime.combine(before, time(), tzinfo=BEIJING)
    earliest_kept = (now.astimezone(BEIJING) - timedelta(days=MINIMUM_DAYS)).date()
    if before > earliest_kept:
        raise RetentionError(
            f"审计记录至少保留 {MINIMUM_DAYS} 天（网络安全法第二十一条：网络日志留存不少于六个月），"
            f"只能清理 {earliest_kept.isoformat()} 及以前的记录"
        )
    return cutoff


@transaction.atomic
def prune(cutoff: datetime, user=None) -> Pruned:
    """Delete the change and access log rows dated before `cutoff`; record the prune itself."""
    changes, _ = ObjectChange.objects.filter(at__lt=cutoff).delete()
    accesses, _ = AccessLog.objects.filter(at__lt=cutoff).delete()
    pruned = Pruned(cutoff, changes, accesses)
    log.record_pruning(user, cutoff, {"change_rows": changes, "access_rows": accesses})
    return pruned
