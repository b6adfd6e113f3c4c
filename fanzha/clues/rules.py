"""The clue rules, each one pure function with its wording (000 篇一: 上级推送的涉案线索要 「迅速落地、高效打处」).
The configurable readings (the default deadline) come in as arguments, so the parameters module
supplies them and the worked examples in tests/test_rules.py pin them down."""

from dataclasses import dataclass
from datetime import date, timedelta

# 核查时限 when the upper unit names none: received + this many days (a county rule parameter)
DEFAULT_DEADLINE_DAYS = 3
# a deadline this close (or closer) is shown amber on the station's list
DUE_SOON = timedelta(days=1)


def default_deadline(received_on: date, days: int = DEFAULT_DEADLINE_DAYS) -> date:
    """核查时限: the day the upper unit set; when it set none, the received day plus `days` (a clue
    received on Monday with 3 days is due by the end of Thursday)."""
    return received_on + timedelta(days=days)


@dataclass(frozen=True)
class Candidate:
    """A ledger record that holds the clue's value: which ledger, its station, its day."""

    ledger: str  # "case" | "key_person" | "household"
    record_id: int
    station_id: int | None
    day: date | None
    place_id: int | None = None  # the case's place, the person's or household's village


@dataclass(frozen=True)
class Assignment:
    station_id: int | None  # None: the county queue (县局待分配)
    assigned_by: str
    note: str


PRIORITY = ("case", "key_person", "household")
LEDGER_LABEL = {"case": "案件", "key_person": "重点人员", "household": "住户"}


def assign(candidates: list[Candidate], station_names: dict[int, str]) -> Assignment:
    """分配: to the station of the matched case; when several cases match, the station of the most
    recent one (the reason says which, and how many stations the others lie in); no case, the station
    of the matched key person, else of the household (the latest one again); nothing matched, or the
    match has no station, the county queue (县局待分配), where the county office assigns it by hand."""
    for ledger in PRIORITY:
        found = [c for c in candidates if c.ledger == ledger and c.station_id is not None]
        if not found:
            continue
        latest = max(found, key=lambda c: (c.day or date.min, c.record_id))
        name = station_names.get(latest.station_id, "")
        kind = LEDGER_LABEL[ledger]
        if len(found) == 1:
            note = f"匹配1条{kind}记录，分配至{name}"
        else:
            stations = {c.station_id for c in found}
            spread = f"，涉及{len(stations)}个派出所" if len(stations) > 1 else ""
            when = f"{latest.day.isoformat()}的" if latest.day else ""
            note = f"匹配{len(found)}条{kind}记录{spread}，按最近一条（{when}{kind}）分配至{name}"
        return Assignment(latest.station_id, ledger, note)
    return Assignment(None, "county", "未匹配到案件、重点人员或住户，进入县局待分配")


def urgency(deadline: date, today: date, is_open: bool) -> str:
    """How an open clue's deadline is shown: "overdue" (red) once the deadline day has passed,
    "due_soon" (amber) on the deadline day and the day before, else "" (closed clues: never)."""
    if not is_open:
        return ""
    if deadline < today:
        return "overdue"
    if deadline - today <= DUE_SOON:
        return "due_soon"
    return ""


def on_time(deadline: date, verified_day: date | None) -> bool:
    """按时落地: the 核查结果 recorded (in Beijing time) on or before the deadline day."""
    return verified_day is not None and verified_day <= deadline
