"""A campaign over the test county's first half of 2026, in its three standard phases."""

from datetime import date, datetime

from fanzha.assessment.models import Campaign
from fanzha.campaigns import services
from fanzha.core.periods import BEIJING


def at(day: str, hour: int = 10) -> datetime:
    """A moment in Beijing time, for clock.frozen."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


def campaign(user, scope, name="夏季攻坚专项行动") -> Campaign:
    return services.create_campaign(
        user,
        lambda: Campaign.objects.create(
            name=name,
            source="县反诈中心工作方案",
            scope=scope,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 6, 30),
        ),
        standard_phases=True,
    )


def milestones(user, phase, units, deadline="2026-02-28", title="完成辖区入户走访"):
    return services.assign_milestones(
        user, phase, services.MilestonePlan(units=units, deadline=date.fromisoformat(deadline), title=title)
    )
