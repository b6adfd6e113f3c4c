"""The clocks of 止付冻结, one pure function each: its wording and source in the docstring, its values
as arguments (each default is the plan's; the county's readings are the `strike.*` options of
fanzha.parameters.config), worked examples in tests/test_rules.py. Times are aware datetimes; nothing here reads "now"
except through the argument `now`."""

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta


def documents_due(requested_at: datetime, hours: int = 24) -> datetime:
    """法律文书送达时限. 000 篇一: 「在涉案資金尚未全部轉移的情況下」 the bank 「可以先行通知業務人員對涉案
    賬戶進行止付、凍結」, and 「辦案單位在24小時內將正式法律文書」 with a copy of the officer's 《人民警察證》
    to the bank. The clock starts when the bank is notified (the request's time)."""
    return requested_at + timedelta(hours=hours)


def stop_expires(confirmed_at: datetime, hours: int = 48) -> datetime:
    """紧急止付 lapses. 银发〔2016〕86号 §1.2: 「止付时限为48小时」, counted from the bank's execution
    (its confirmation)."""
    return confirmed_at + timedelta(hours=hours)


def may_repeat_stop(repeats_so_far: int, max_repeats: int = 2) -> bool:
    """再次止付. 银发〔2016〕86号 §1.2: an emergency stop 「可以再次止付，但最多两次」 — the first stop and at
    most two repeats. `repeats_so_far` counts the repeats already made in the chain (0 for a first stop)."""
    return repeats_so_far < max_repeats


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later; a day the month lacks becomes its last (31 August + 6
    months = 28 or 29 February)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def freeze_expires(starts_at: datetime, months: int = 6) -> datetime:
    """冻结期限. 公安机关办理刑事案件程序规定 Art. 244: 「冻结存款、汇款等财产的期限为六个月」; 每次续冻期限
    最长不得超过六个月. A first freeze runs from the bank's confirmation; a 续冻 from the expiry it extends
    (pass that as `starts_at`)."""
    return add_months(starts_at, months)


def renewal_due(expires_at: datetime, days_before: int = 10) -> datetime:
    """续冻时限. 公通字[2024]22号: a renewal is to be applied for 「在冻结期限届满十日前」; a freeze not
    renewed lapses (Art. 244 「逾期不办理继续冻结手续的，视为自动解除冻结」)."""
    return expires_at - timedelta(days=days_before)


def release_due(found_unrelated_at: datetime, days: int = 3) -> datetime:
    """解冻时限. 公安机关办理刑事案件程序规定 Art. 247: funds 「经查明确实与案件无关的，应当在三日以内
    解除冻结，并通知被冻结财产的所有人」. The clock starts when the 解冻 is recorded."""
    return found_unrelated_at + timedelta(days=days)


class Urgency:
    OVERDUE = "overdue"  # red: past due
    SOON = "soon"  # amber: due within the warning window
    LATER = "later"
    MET = "met"


def urgency(due: datetime | None, met_at: datetime | None, now: datetime, amber_hours: int = 2) -> str:
    """The desk's colour of one clock: met (done, in time or late) · red once past due · amber within
    `amber_hours` of it (default 2 h; docs/strike.md) · otherwise later."""
    if met_at is not None or due is None:
        return Urgency.MET
    if now > due:
        return Urgency.OVERDUE
    if due - now <= timedelta(hours=amber_hours):
        return Urgency.SOON
    return Urgency.LATER


@dataclass(frozen=True)
class Clock:
    label: str
    due: datetime
    met_at: datetime | None

    def state(self, now: datetime, amber_hours: int = 2) -> str:
        return urgency(self.due, self.met_at, now, amber_hours)

    def on_time(self) -> bool | None:
        """Met by its deadline? None while not met."""
        return None if self.met_at is None else self.met_at <= self.due
