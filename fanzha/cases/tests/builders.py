"""A case-ledger builder for the tests of every floor from the cases up: cases dropped into a place
on a day, as many as a worked example needs."""

import itertools
from datetime import datetime

from fanzha.cases.models import Case, FraudType
from fanzha.cases.services import fill_derived
from fanzha.core.periods import BEIJING
from fanzha.orgs.models import OrgUnit

_numbers = itertools.count(1)


def add_cases(place, day: str, count: int = 1, loss_yuan: int = 1000, **fields) -> list[Case]:
    """`count` cases at `place` reported at noon (Beijing) on `day` (2024-03-05)."""
    when = datetime.fromisoformat(day).replace(hour=12, tzinfo=BEIJING)
    fraud_type = fields.pop("fraud_type", None) or FraudType.objects.get(name="刷单返利")
    made = []
    for _ in range(count):
        case = Case(
            case_number=f"T{next(_numbers):07d}",
            reported_at=when,
            place=place,
            fraud_type=fraud_type,
            loss_fen=loss_yuan * 100,
            **fields,
        )
        fill_derived(case)
        made.append(case)
    return Case.objects.bulk_create(made)


def unit(code, name, kind, parent=None, **extra) -> OrgUnit:
    made = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
    made.save()
    return made
