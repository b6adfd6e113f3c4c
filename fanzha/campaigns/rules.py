"""The campaign rules, pure functions (docs/coordination.md)."""

from datetime import date, timedelta

DONE, LATE, DUE, WAITING = "done", "late", "due", "waiting"
STATE_LABELS = {DONE: "已完成", LATE: "已逾期", DUE: "未到期", WAITING: "待验收"}

#: the plans' three phases, in order
STANDARD_PHASES = ("动员部署", "集中攻坚", "总结验收")


def milestone_state(accepted: bool, submitted: bool, deadline: date, today: date) -> str:
    """A milestone is 已完成 once the office has accepted its report (验收); otherwise it is 已逾期 from
    the day after its deadline (the deadline day itself is still on time), whether or not a report
    waits; before that it is 待验收 when a report waits, else 未到期.

    >>> milestone_state(False, False, date(2026, 2, 28), date(2026, 2, 28))
    'due'
    >>> milestone_state(False, True, date(2026, 2, 28), date(2026, 3, 1))
    'late'
    >>> milestone_state(True, True, date(2026, 2, 28), date(2026, 3, 9))
    'done'
    """
    if accepted:
        return DONE
    if deadline < today:
        return LATE
    return WAITING if submitted else DUE


def due_soon(deadline: date, today: date, within_days: int) -> bool:
    """For the daily list (`fanzha campaigns due`): an open milestone is listed when it is late or its
    deadline falls within the next `within_days` days (today included).

    >>> due_soon(date(2026, 2, 28), date(2026, 2, 21), 7)
    True
    >>> due_soon(date(2026, 3, 1), date(2026, 2, 21), 7)
    False
    """
    return deadline <= today + timedelta(days=within_days)


def split_phases(starts_on: date, ends_on: date) -> list[tuple[str, date, date]]:
    """The three standard phases over a campaign's dates: 动员部署 the first sixth (at least a day),
    总结验收 the last sixth, 集中攻坚 between; the office corrects the dates afterwards.

    >>> split_phases(date(2026, 1, 1), date(2026, 6, 30))[1]
    ('集中攻坚', datetime.date(2026, 1, 31), datetime.date(2026, 5, 31))
    """
    days = (ends_on - starts_on).days + 1
    sixth = max(1, days // 6)
    first_end = starts_on + timedelta(days=sixth - 1)
    last_start = ends_on - timedelta(days=sixth - 1)
    if days < 3:
        return [(STANDARD_PHASES[1], starts_on, ends_on)]
    return [
        (STANDARD_PHASES[0], starts_on, first_end),
        (STANDARD_PHASES[1], first_end + timedelta(days=1), last_start - timedelta(days=1)),
        (STANDARD_PHASES[2], last_start, ends_on),
    ]
