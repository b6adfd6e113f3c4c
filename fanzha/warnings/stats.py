"""Warning-work figures per unit for a period: volume, time to 签收, time to first contact, overdue and
the dissuasion success rate (004 reports 「成功劝阻296件」).

Success rate = 成功劝阻 / orders fed back other than 误报 (a false alarm had nobody to dissuade)."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from fanzha.core import clock
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.naming import display_name_expression
from fanzha.prevention.rules import percent
from fanzha.warnings.models import FollowUp, OrderStatus, Outcome, VerificationOrder

GROUPS = {"station": "station_id", "village": "assigned_to_id"}


def _minutes(duration) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 60, 1)


def order_stats(queryset, period, by: str = "station", now=None) -> list[dict]:
    now = now or clock.now()
    key = GROUPS[by]
    received = F("warning__received_at")
    rows = (
        queryset.filter(warning__received_at__gte=period.start, warning__received_at__lt=period.end)
        .values(key)
        .annotate(
            total=Count("id"),
            signed=Count("id", filter=Q(signed_at__isnull=False)),
            done=Count("id", filter=Q(status=OrderStatus.DONE)),
            dissuaded=Count("id", filter=Q(outcome=Outcome.DISSUADED)),
            defrauded=Count("id", filter=Q(outcome=Outcome.DEFRAUDED)),
            unreachable=Count("id", filter=Q(outcome=Outcome.UNREACHABLE)),
            false_alarm=Count("id", filter=Q(outcome=Outcome.FALSE_ALARM)),
            overdue=Count(
                "id",
                filter=Q(contacted_at__isnull=True, deadline__lt=now) & ~Q(status=OrderStatus.DONE),
            ),
            late_contact=Count("id", filter=Q(contacted_at__gt=F("deadline"))),
            to_sign=Avg(ExpressionWrapper(F("signed_at") - received, output_field=DurationField())),
            to_contact=Avg(ExpressionWrapper(F("contacted_at") - received, output_field=DurationField())),
        )
        .order_by()
    )
    units = {
        pk: (code, name)
        for pk, code, name in OrgUnit.objects.filter(id__in=[r[key] for r in rows if r[key]])
        .annotate(shown=display_name_expression())
        .values_list("id", "code", "shown")
    }
    result = []
    for r in rows:
        judged = r["done"] - r["false_alarm"]
        rate = percent(r["dissuaded"], judged)
        result.append(
            {
                "code": units.get(r[key], ("", ""))[0],
                "name": units.get(r[key], ("", "（未分派）"))[1],
                "total": r["total"],
                "signed": r["signed"],
                "done": r["done"],
                "overdue": r["overdue"],
                "late_contact": r["late_contact"],
                "dissuaded": r["dissuaded"],
                "defrauded": r["defrauded"],
                "unreachable": r["unreachable"],
                "false_alarm": r["false_alarm"],
                "success_rate_pct": None if rate is None else str(rate),
                "minutes_to_sign": _minutes(r["to_sign"]),
                "minutes_to_contact": _minutes(r["to_contact"]),
            }
        )
    return sorted(result, key=lambda row: (-row["total"], row["code"]))


def desk(user, now=None) -> dict:
    """What the home page shows a user about their orders: waiting to be signed, open, past the
    first-contact deadline, and of those escalated to the station."""
    now = now or clock.now()
    mine = VerificationOrder.objects.visible_to(user).exclude(status=OrderStatus.DONE)
    late = Q(contacted_at__isnull=True, deadline__lt=now)
    return mine.aggregate(
        new=Count("id", filter=Q(status=OrderStatus.NEW)),
        open=Count("id"),
        overdue=Count("id", filter=late),
        escalated=Count("id", filter=late & Q(escalated_at__isnull=False)),
    )


def pending_orders(user, limit: int = 8) -> list[VerificationOrder]:
    """The reader's open orders, the nearest first-contact deadline first (the home pages' to-do)."""
    return list(
        VerificationOrder.objects.visible_to(user)
        .exclude(status=OrderStatus.DONE)
        .select_related("warning", "assigned_to__parent")
        .order_by("deadline", "id")[:limit]
    )


def followups_due(user, limit: int = 5) -> tuple[int, list]:
    """回访 drawn but not yet made, in the reader's scope: how many, and the oldest few."""
    due = FollowUp.objects.visible_to(user).filter(done_at__isnull=True)
    return due.count(), list(due.select_related("case").order_by("sampled_at", "id")[:limit])
