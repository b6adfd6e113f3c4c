"""Published reads of the inspections: a unit's open findings, the overdue list, and the figures of a
period per unit for the monthly 通报."""

from dataclasses import dataclass
from datetime import date, datetime

from fanzha.inspections import rules
from fanzha.inspections.models import Finding, FindingStatus


def findings_for(user):
    return Finding.objects.visible_to(user).select_related("inspection__org__parent")


def is_overdue(finding: Finding, today: date) -> bool:
    return rules.finding_overdue(finding.status == FindingStatus.CLOSED, finding.deadline, today)


def open_findings(user, org, today: date) -> list[tuple[Finding, bool]]:
    """(finding, overdue) of one unit not yet closed, by deadline — for the unit's page."""
    rows = findings_for(user).filter(inspection__org=org).exclude(status=FindingStatus.CLOSED)
    return [(f, is_overdue(f, today)) for f in rows.order_by("deadline", "id")]


def overdue(today: date, queryset=None) -> list[Finding]:
    rows = (queryset if queryset is not None else Finding.objects.all()).select_related(
        "inspection__org__parent"
    )
    return list(
        rows.exclude(status=FindingStatus.CLOSED).filter(deadline__lt=today).order_by("deadline", "id")
    )


@dataclass
class UnitFigures:
    unit: str
    code: str
    found: int  # problems found by inspections in the period
    closed: int  # of all the unit's findings, closed by the period's end
    open: int  # not closed at the period's end
    overdue: int  # of those, past their deadline on the period's last day


def period_figures(first_day: date, last_day: date, end: datetime) -> list[UnitFigures]:
    """Per inspected unit: problems found in the period, and the state of all its findings as of the
    period's end (`end`: the moment after its last day) — a later closure does not change a past 通报."""
    per_unit: dict[int, UnitFigures] = {}
    rows = Finding.objects.filter(inspection__inspected_on__lte=last_day).select_related(
        "inspection__org__parent"
    )
    for f in rows:
        org = f.inspection.org
        closed = f.closed_at is not None and f.closed_at < end and f.status == FindingStatus.CLOSED
        found = first_day <= f.inspection.inspected_on <= last_day
        if not found and closed:
            continue  # an older finding closed before the period: nothing to report
        figures = per_unit.setdefault(org.pk, UnitFigures(org.display_name, org.code, 0, 0, 0, 0))
        figures.found += found
        figures.closed += closed
        figures.open += not closed
        figures.overdue += rules.finding_overdue(closed, f.deadline, last_day)
    return sorted(per_unit.values(), key=lambda u: u.code)
