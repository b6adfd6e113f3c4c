"""The warning loop: receive → route → 签收 → first contact and outcome → escalate when overdue.
Every step is audited; times come from `core.clock` so tests can move them."""

from django.db import transaction

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.audit.models import ObjectChange
from fanzha.core import clock
from fanzha.orgs.scope import covers
from fanzha.parameters import config
from fanzha.warnings.models import Method, OrderStatus, Outcome, VerificationOrder, Warning
from fanzha.warnings.routing import Router, deadline_for

ORDER_AUDIT = (
    "status",
    "assigned_to",
    "signed_at",
    "contacted",
    "contacted_at",
    "method",
    "outcome",
    "note",
    "case",
    "escalated_at",
)


class OrderError(ValueError):
    pass


@transaction.atomic
def receive(
    warning: Warning, user=None, router: Router | None = None, settings: dict | None = None
) -> VerificationOrder:
    """Store a warning and its verification order, routed and with its deadline."""
    settings = settings or config.current()
    router = router or Router()
    warning.save()
    route = router.route(warning.phone, warning.id_number, warning.station_id)
    order = VerificationOrder.objects.create(
        warning=warning,
        assigned_to_id=route.assigned_to_id,
        station_id=route.station_id,
        routed_by=route.routed_by,
        household_id=route.household_id,
        deadline=deadline_for(warning.level, warning.received_at, settings),
    )
    audit.record_change(user, "create", order, None, audit.snapshot(order, ORDER_AUDIT))
    return order


@transaction.atomic
def sign(user, order: VerificationOrder) -> VerificationOrder:
    """签收: the unit acknowledges the order. Signing twice is refused."""
    if order.status != OrderStatus.NEW:
        raise OrderError("该指令已签收")

    def apply():
        order.status, order.signed_at, order.signed_by = OrderStatus.SIGNED, clock.now(), user

    return actions.update(user, order, ORDER_AUDIT, apply)


@transaction.atomic
def record_outcome(
    user,
    order: VerificationOrder,
    *,
    contacted: bool,
    method: str = "",
    outcome: str,
    note: str = "",
    case=None,
) -> VerificationOrder:
    """反馈: contacted or not, by phone or in person, and what came of it. An order not yet signed is
    signed at the same time. 已被骗 needs the case (opened or linked); 无法联系 means not contacted."""
    if order.status == OrderStatus.DONE:
        raise OrderError("该指令已反馈，不能重复反馈")
    if outcome not in Outcome.values:
        raise OrderError("请选择处置结果")
    if contacted and method not in Method.values:
        raise OrderError("联系上的，请选择联系方式（电话或上门）")
    if outcome == Outcome.UNREACHABLE and contacted:
        raise OrderError("结果为“无法联系”时，是否联系上应为“否”")
    if outcome in (Outcome.DISSUADED, Outcome.DEFRAUDED) and not contacted:
        raise OrderError(f"结果为“{Outcome(outcome).label}”时应已联系上预警对象")
    if outcome == Outcome.DEFRAUDED and case is None:
        raise OrderError("已被骗的，请关联或新建案件")

    def apply():
        now = clock.now()
        if order.signed_at is None:
            order.signed_at, order.signed_by = now, user
        order.status = OrderStatus.DONE
        order.contacted, order.method, order.outcome, order.note = (
            contacted,
            method if contacted else "",
            outcome,
            note,
        )
        order.contacted_at = now if contacted else None
        order.case = case
        order.feedback_by = user

    return actions.update(user, order, ORDER_AUDIT, apply)


@transaction.atomic
def reassign(user, order: VerificationOrder, org) -> VerificationOrder:
    """A station dispatches an order from its queue to a village or community it covers."""
    if not covers(user, org):
        raise OrderError("只能分派给您管辖范围内的单位")
    if order.status == OrderStatus.DONE:
        raise OrderError("该指令已反馈")

    def apply():
        order.assigned_to = org
        order.routed_by = "manual"
        if org.station_id:
            order.station_id = org.station_id

    return actions.update(user, order, ORDER_AUDIT, apply)


def overdue(queryset=None, now=None):
    """Orders with no first contact past their deadline (not yet fed back)."""
    now = now or clock.now()
    queryset = VerificationOrder.objects.all() if queryset is None else queryset
    return queryset.filter(contacted_at__isnull=True, deadline__lt=now).exclude(status=OrderStatus.DONE)


@transaction.atomic
def escalate_overdue(now=None) -> int:
    """Stamp overdue orders as escalated to their station (once each), audited; → how many. One update
    and one insert of audit rows, however many orders went overdue."""
    now = now or clock.now()
    pending = list(overdue(now=now).filter(escalated_at__isnull=True).select_related("warning"))
    changes = []
    for order in pending:
        before = audit.snapshot(order, ORDER_AUDIT)
        order.escalated_at = now
        changes.append(audit.change_row(None, "update", order, before, audit.snapshot(order, ORDER_AUDIT)))
    VerificationOrder.objects.filter(pk__in=[o.pk for o in pending]).update(escalated_at=now)
    ObjectChange.objects.bulk_create(changes)
    return len(pending)
