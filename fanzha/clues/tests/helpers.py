"""Cases, key persons and households holding a value, for the clue tests."""

import itertools
from datetime import date, datetime

from fanzha.cases.models import Case, FraudType, SuspectIdentifier
from fanzha.cases.services import fill_derived
from fanzha.clues import services
from fanzha.core.periods import BEIJING

_numbers = itertools.count(1)


def case_with(place, day: str, kind: str = "phone", value: str = "13800138000") -> Case:
    """A case at `place` reported at noon (Beijing) on `day`, holding one suspect identifier."""
    case = Case(
        case_number=f"C{next(_numbers):07d}",
        reported_at=datetime.fromisoformat(day).replace(hour=12, tzinfo=BEIJING),
        place=place,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=100000,
    )
    fill_derived(case)
    case.save()
    SuspectIdentifier.objects.create(case=case, kind=kind, value=value)
    return case


def clue(value="13800138000", kind="phone", received="2026-12-01", user=None, **extra):
    return services.receive(
        user,
        services.Incoming(
            kind=kind, value=value, source="省厅反诈中心", received_on=date.fromisoformat(received), **extra
        ),
    )
