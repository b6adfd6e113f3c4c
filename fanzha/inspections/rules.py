"""The inspection rules, pure functions (docs/coordination.md)."""

from datetime import date


def finding_overdue(closed: bool, deadline: date, today: date) -> bool:
    """A problem found is 逾期 from the day after its rectification deadline until the office closes it
    (销号) — a report waiting for the office does not stop the clock; the deadline day is on time.

    >>> finding_overdue(False, date(2026, 3, 31), date(2026, 3, 31))
    False
    >>> finding_overdue(False, date(2026, 3, 31), date(2026, 4, 1))
    True
    >>> finding_overdue(True, date(2026, 3, 31), date(2026, 4, 1))
    False
    """
    return not closed and deadline < today
