"""Reading campaigns: the unit × phase progress grid, the milestone lists, the due list (published)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from fanzha.assessment.models import Campaign
from fanzha.campaigns import rules
from fanzha.campaigns.models import Milestone
from fanzha.core import clock
from fanzha.prevention.models import DutyStatus


def campaigns_for(user):
    return Campaign.objects.visible_to(user).select_related("scope").prefetch_related("phases")


def milestones_for(user):
    return Milestone.objects.visible_to(user).select_related(
        "phase__campaign", "duty__org__parent", "duty__reviewed_by"
    )


def state_of(milestone: Milestone, today: date) -> str:
    duty = milestone.duty
    return rules.milestone_state(
        duty.status == DutyStatus.ACCEPTED, duty.status == DutyStatus.SUBMITTED, duty.deadline, today
    )


@dataclass
class Cell:
    counts: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Grid:
    """Rows: the units with milestones in the campaign; columns: its phases; each cell counts the
    milestones by state (done / waiting / due / late)."""

    phases: list
    rows: list  # (unit, [(phase, Cell)], Cell over the phases)
    totals: dict


def progress(user, campaign: Campaign, today: date) -> Grid:
    phases = list(campaign.phases.all())
    cells: dict[int, dict[int, Cell]] = defaultdict(lambda: defaultdict(Cell))
    units = {}
    totals = dict.fromkeys(rules.STATE_LABELS, 0)
    for m in milestones_for(user).filter(phase__campaign=campaign):
        state = state_of(m, today)
        cells[m.duty.org_id][m.phase_id].counts[state] += 1
        units[m.duty.org_id] = m.duty.org
        totals[state] += 1
    rows = []
    for unit in sorted(units.values(), key=lambda u: u.path):
        per_phase = [(p, cells[unit.pk][p.pk]) for p in phases]
        whole = Cell()
        for _, cell in per_phase:
            for state, n in cell.counts.items():
                whole.counts[state] += n
        rows.append((unit, per_phase, whole))
    return Grid(phases=phases, rows=rows, totals=totals | {"all": sum(totals.values())})


def filtered(user, campaign: Campaign, today: date, unit=None, phase=None, state=None) -> list[tuple]:
    """(milestone, state) of a campaign, narrowed by unit id, phase id and state (the grid's links)."""
    rows = milestones_for(user).filter(phase__campaign=campaign)
    if unit:
        rows = rows.filter(duty__org_id=unit)
    if phase:
        rows = rows.filter(phase_id=phase)
    pairs = [(m, state_of(m, today)) for m in rows]
    return [p for p in pairs if not state or p[1] == state]


def due(today: date, within_days: int, queryset=None) -> list[tuple]:
    """Open milestones late or due within `within_days` days, by deadline: (milestone, state)."""
    rows = (queryset if queryset is not None else Milestone.objects.all()).select_related(
        "phase__campaign", "duty__org__parent"
    )
    rows = rows.exclude(duty__status=DutyStatus.ACCEPTED).order_by("duty__deadline", "duty__org__path")
    return [(m, state_of(m, today)) for m in rows if rules.due_soon(m.duty.deadline, today, within_days)]


def phase_completion(campaign_phase, user=None) -> list[dict]:
    """Per unit: milestones of the phase, accepted, and accepted on time (report sent by the deadline)."""
    rows = Milestone.objects.filter(phase=campaign_phase).select_related("duty__org__parent")
    if user is not None:
        rows = rows.filter(pk__in=Milestone.objects.visible_to(user).values("pk"))
    per_unit: dict[int, dict] = {}
    for m in rows:
        duty = m.duty
        row = per_unit.setdefault(
            duty.org_id, {"unit": duty.org, "total": 0, "accepted": 0, "on_time": 0, "path": duty.org.path}
        )
        row["total"] += 1
        if duty.status == DutyStatus.ACCEPTED:
            row["accepted"] += 1
            if duty.submitted_at and timezone.localtime(duty.submitted_at).date() <= duty.deadline:
                row["on_time"] += 1
    return sorted(per_unit.values(), key=lambda r: r["path"])


def today() -> date:
    """Today in Beijing time, from core/clock (tests move it)."""
    return timezone.localtime(clock.now()).date()
