"""Progress of each unit against each target of a work plan (docs/assessment.md, 目标任务): allowed =
base × (1 + change %), met when the figure stays at or under it. A period still running is
projected linearly to its end, and flagged at risk when the projection passes the allowance."""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Q
from django.utils import timezone

from fanzha.assessment.models.campaigns import Comparison, Measure, Target
from fanzha.assessment.tally import Tally, tally
from fanzha.audit import actions
from fanzha.cases.choices import STAFF_AND_FAMILY
from fanzha.cases.queries import unit_filter
from fanzha.core.money import format_yuan
from fanzha.core.periods import Period
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level


def allowed_value(base: int, change_pct: Decimal) -> Decimal:
    """002 「同比下降10%以上」 → at most 90 % of the base; 000 「不高于上年全年发案60%」 → 60 %."""
    return Decimal(base) * (100 + Decimal(change_pct)) / 100


def base_period(period: Period, comparison: str) -> Period:
    if comparison == Comparison.YEAR_ON_YEAR:
        return period.same_period_last_year()
    if comparison == Comparison.PREVIOUS:
        return period.previous()
    return Period(period.year - 1, 1, 12)


@dataclass
class Progress:
    org: OrgUnit
    actual: int
    base: int
    allowed: Decimal
    state: str  # met | missed | on_track | at_risk | exceeded
    projected: Decimal | None
    measure: str = Measure.CASES

    STATES = {
        "met": "已达成",
        "missed": "未达成",
        "on_track": "进行中·正常",
        "at_risk": "进行中·有风险",
        "exceeded": "已超出",
    }

    @property
    def state_label(self) -> str:
        return self.STATES[self.state]

    def shown(self, value) -> str:
        """Counts as they are; money in 元 (the figures are fen)."""
        if value is None:
            return "—"
        if self.measure == Measure.LOSS:
            return format_yuan(int(value)) + "元"
        return f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, Decimal) else str(value)

    @property
    def display(self) -> dict:
        return {k: self.shown(getattr(self, k)) for k in ("base", "allowed", "actual", "projected")}


def judge(actual: int, allowed: Decimal, share_elapsed: Decimal) -> tuple[str, Decimal | None]:
    if share_elapsed >= 1:
        return ("met" if actual <= allowed else "missed"), None
    if actual > allowed:
        return "exceeded", None
    projected = (
        (Decimal(actual) / share_elapsed).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
        if share_elapsed > 0
        else Decimal(0)
    )
    return ("at_risk" if projected > allowed else "on_track"), projected


def target_progress(target, now=None) -> list[Progress]:
    now = now or timezone.now()
    period = Period.parse(target.period)
    base_span = base_period(period, target.comparison)
    where = Q()
    type_ids = list(target.fraud_types.values_list("id", flat=True))
    if type_ids:
        where &= Q(fraud_type_id__in=type_ids)
    if target.staff_victims_only:
        where &= Q(employer__isnull=False, employer_relation__in=STAFF_AND_FAMILY)
    excluded = config.current()["indicators.excluded_statuses"]
    if target.level:
        level = get_level(target.level)
        subjects = OrgUnit.objects.filter(
            kind__in=level.kinds, is_active=True, path__startswith=target.scope.path
        ).select_related("parent")
    else:
        level, subjects = None, [target.scope]
        where &= unit_filter(target.scope)
    figures = tally({"now": period, "base": base_span}, level=level, where=where, excluded_statuses=excluded)
    elapsed = Decimal(
        max(0, min((now - period.start).total_seconds(), (period.end - period.start).total_seconds()))
    )
    share = elapsed / Decimal((period.end - period.start).total_seconds())
    result = []
    for org in subjects:
        key = org.id if level else None
        now_t, base_t = figures["now"].get(key, Tally()), figures["base"].get(key, Tally())
        pick = (lambda t: t.cases) if target.measure == Measure.CASES else (lambda t: t.loss_fen)
        actual, base = pick(now_t), pick(base_t)
        allowed = allowed_value(base, target.change_pct)
        state, projected = judge(actual, allowed, share)
        result.append(Progress(org, actual, base, allowed, state, projected, target.measure))
    return result


TARGET_AUDIT = ("name", "scope", "period", "comparison", "change_pct")


def add_target(user, form) -> Target:
    """Add a 目标 from its valid form (the form also saves the fraud types), audited."""
    return actions.create(user, form.save, TARGET_AUDIT)
