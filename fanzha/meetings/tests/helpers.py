"""Cases and meetings for the meeting tests."""

import itertools
from datetime import date, datetime

from fanzha.cases.models import Case, FraudType
from fanzha.cases.services import fill_derived
from fanzha.core.periods import BEIJING
from fanzha.meetings import services
from fanzha.meetings.models import MeetingKind

_numbers = itertools.count(1)


def case_at(place, day: str, loss_fen: int = 100000) -> Case:
    case = Case(
        case_number=f"M{next(_numbers):07d}",
        reported_at=datetime.fromisoformat(day).replace(hour=12, tzinfo=BEIJING),
        place=place,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=loss_fen,
    )
    fill_derived(case)
    case.save()
    return case


def meeting(
    user, org=None, held_on=date(2026, 12, 21), month="2026-11", kind=MeetingKind.CONSULTATION, **extra
):
    return services.register(
        user,
        org or user.org,
        services.MeetingInput(
            kind=kind,
            held_on=held_on,
            title=f"{held_on.year}年{held_on.month}月研判会商",
            figures_month=month,
            **extra,
        ),
    )
