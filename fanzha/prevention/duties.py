"""Member units' duties: assigning the catalogue, reporting, and the office's acceptance."""

from datetime import date

from django.db import transaction

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.core import clock
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.prevention.models import Duty, DutyStatus, DutyTemplate

DUTY_AUDIT = ("status", "report", "review_note", "deadline", "responsible")


class DutyError(ValueError):
    pass


def _deadline(template: DutyTemplate, year: int) -> date:
    day = min(
        template.due_day, 30 if template.due_month in (4, 6, 9, 11) else 28 if template.due_month == 2 else 31
    )
    return date(year, template.due_month, day)


@transaction.atomic
def assign_templates(year: int, sector: str | None = None, user=None) -> int:
    """Give each member unit its sector's duties for the year (once; re-running adds only new ones)."""
    units = OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT, is_active=True)
    templates = DutyTemplate.objects.all()
    if sector:
        units, templates = units.filter(sector=sector), templates.filter(sector=sector)
    by_sector: dict[str, list[DutyTemplate]] = {}
    for template in templates:
        by_sector.setdefault(template.sector, []).append(template)
    existing = set(Duty.objects.filter(year=year).values_list("org_id", "title"))
    fresh = [
        Duty(org=unit, template=t, title=t.title, detail=t.detail, year=year, deadline=_deadline(t, year))
        for unit in units
        for t in by_sector.get(unit.sector, []) + by_sector.get("全部成员单位", [])
        if (unit.id, t.title) not in existing
    ]
    Duty.objects.bulk_create(fresh)
    if fresh:
        audit.record_change(user, "create", fresh[0], None, {"分配任务": len(fresh), "年度": year})
    return len(fresh)


def assign_duty(user, org: OrgUnit, title: str, deadline: date, detail: str = "") -> Duty:
    """One duty given by hand (a meeting's decision, say) to one unit, tracked like the catalogue's:
    the unit reports, the office accepts or returns it."""
    title = title.strip()
    if not title:
        raise DutyError("请填写任务内容")
    if Duty.objects.filter(org=org, year=deadline.year, title=title).exists():
        raise DutyError(f"{org.name}{deadline.year}年度已有同名任务「{title}」")

    def save():
        return Duty.objects.create(org=org, title=title, detail=detail, year=deadline.year, deadline=deadline)

    return actions.create(user, save, ("org", "title", "detail", "year", "deadline", "status"))


@transaction.atomic
def submit(user, duty: Duty, report: str, responsible: str = "") -> Duty:
    if duty.status == DutyStatus.ACCEPTED:
        raise DutyError("该任务已验收")
    if not report.strip():
        raise DutyError("请填写落实情况")

    def apply():
        duty.report, duty.status, duty.submitted_at = report.strip(), DutyStatus.SUBMITTED, clock.now()
        duty.responsible = responsible or duty.responsible

    return actions.update(user, duty, DUTY_AUDIT, apply)


@transaction.atomic
def review(user, duty: Duty, accept: bool, note: str) -> Duty:
    """The office inspects: accept, or return with the reason (the unit reports again)."""
    if duty.status != DutyStatus.SUBMITTED:
        raise DutyError("只有已报送的任务才能验收或退回")
    if not accept and not note.strip():
        raise DutyError("退回时请写明原因")

    def apply():
        duty.status = DutyStatus.ACCEPTED if accept else DutyStatus.RETURNED
        duty.review_note, duty.reviewed_at, duty.reviewed_by = note.strip(), clock.now(), user

    return actions.update(user, duty, DUTY_AUDIT, apply)


def overdue(queryset, today: date):
    return queryset.exclude(status=DutyStatus.ACCEPTED).filter(deadline__lt=today)
