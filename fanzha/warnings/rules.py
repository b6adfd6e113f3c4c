"""Pure rules of the warning loop that the pages apply (docs/warnings.md).

Who may call the person: the unit the order is assigned to and the order's station — the people who
must act on it — while the order is open. Everyone else sees the number masked (`cases.view_pii`
holders may still ask for clear text, logged). The deadline clock: how long is left, red once past,
amber in the last quarter of the order's window."""

from datetime import datetime, timedelta

DUE_SOON_SHARE = 0.25  # amber in the last quarter of the window between the warning and its deadline


def may_call(user_org_id: int | None, assigned_to_id: int, station_id: int | None, is_open: bool) -> bool:
    """The assigned unit (the village's grid workers, or the station or county office holding an
    unmatched warning) and the order's station see the person's phone in full, as a call link, while
    the order is open.

    >>> may_call(7, 7, 3, True), may_call(3, 7, 3, True), may_call(5, 7, 3, True), may_call(7, 7, 3, False)
    (True, True, False, False)
    """
    if not is_open or user_org_id is None:
        return False
    return user_org_id == assigned_to_id or (station_id is not None and user_org_id == station_id)


def duration_text(delta: timedelta) -> str:
    """A span to the minute in words: 45 分钟, 2 小时 5 分, 1 天 3 小时 (a started minute counts).

    >>> duration_text(timedelta(seconds=30)), duration_text(timedelta(minutes=125))
    ('1 分钟', '2 小时 5 分')
    >>> duration_text(timedelta(hours=27, minutes=10))
    '1 天 3 小时'
    """
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    if hours:
        return f"{hours} 小时 {minutes} 分" if minutes else f"{hours} 小时"
    return f"{minutes} 分钟"


def time_left(now: datetime, deadline: datetime, received_at: datetime) -> tuple[str, str]:
    """联系时限倒计时 → (words, state): state "late" once the deadline has passed (red), "soon" when
    less than DUE_SOON_SHARE of the window from the warning to the deadline is left (amber), else "ok".

    A high-risk warning at 09:00 is due at 10:00: at 09:30 「剩余 30 分钟」 ok, at 09:50 「剩余 10 分钟」
    soon, at 10:20 「已超时 20 分钟」 late."""
    if now > deadline:
        return f"已超时 {duration_text(now - deadline)}", "late"
    left = deadline - now
    window = deadline - received_at
    state = "soon" if window.total_seconds() > 0 and left <= window * DUE_SOON_SHARE else "ok"
    return f"剩余 {duration_text(left)}", state
