"""The clue actions: receive (normalise, match, assign, in one transaction with the audit rows), assign
from the county queue, record 核查结果, record 打处. Each is atomic and audited; "now" comes from
core/clock so tests can move it."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.audit.models import ObjectChange
from fanzha.clues import matching, rules
from fanzha.clues.models import Clue, ClueMatch, ClueState
from fanzha.core import clock
from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.scope import covers
from fanzha.parameters import config

CLUE_AUDIT = (
    "kind",
    "value",
    "source",
    "batch",
    "received_on",
    "deadline",
    "station",
    "assigned_by",
    "assignment_note",
    "state",
    "finding",
    "verified_at",
    "people_handled",
    "handled_people",
    "struck_at",
    "officer",
    "note",
)


KEPT_MATCHES = 50  # per ledger and clue


class ClueError(ValueError):
    pass


@dataclass
class Incoming:
    """A clue as the upper unit pushed it (the value may be written any way a ledger writes it)."""

    kind: str
    value: str
    source: str
    received_on: date
    batch: str = ""
    deadline: date | None = None
    officer: str = ""
    note: str = ""


def deadline_days() -> int:
    """核查时限 in days after receipt where the upper unit set none (the county's rule parameter
    clues.deadline_days, default rules.DEFAULT_DEADLINE_DAYS)."""
    return int(config.current()["clues.deadline_days"])


def station_names() -> dict[int, str]:
    return dict(OrgUnit.objects.filter(kind=OrgKind.STATION).values_list("id", "name"))


@transaction.atomic
def receive_many(user, incoming: list[Incoming], days: int | None = None) -> list[Clue]:
    """Store the clues, each matched against the case, key-person and household ledgers (one query per
    ledger for the whole list) and assigned by the match (clues/rules.assign), with its deadline (the
    upper unit's, else received + `days`, by default the county's parameter). A value that cannot be normalised is refused with
    the reason, and nothing is stored."""
    values = []
    for number, item in enumerate(incoming, start=1):
        try:
            values.append(matching.normalise(item.kind, item.value))
        except ValueError as exc:
            where = f"第{number}条线索：" if len(incoming) > 1 else ""
            raise ClueError(f"{where}{exc}") from exc
    found = matching.find_many([(item.kind, value) for item, value in zip(incoming, values, strict=True)])
    names = station_names()
    days = deadline_days() if days is None else days
    clues = []
    for item, value, candidates in zip(incoming, values, found, strict=True):
        choice = rules.assign(candidates, names)
        clues.append(
            Clue(
                kind=item.kind,
                value=value,
                source=item.source,
                batch=item.batch,
                received_on=item.received_on,
                deadline=item.deadline or rules.default_deadline(item.received_on, days),
                station_id=choice.station_id,
                assigned_by=choice.assigned_by,
                assignment_note=choice.note,
                state=ClueState.PENDING if choice.station_id else ClueState.UNASSIGNED,
                officer=item.officer,
                note=item.note,
                created_by=user if getattr(user, "pk", None) else None,
                created_at=clock.now(),
            )
        )
    Clue.objects.bulk_create(clues)  # ids are returned on PostgreSQL and SQLite alike
    ClueMatch.objects.bulk_create(
        ClueMatch(
            clue=clue,
            ledger=c.ledger,
            record_id=c.record_id,
            station_id=c.station_id,
            place_id=c.place_id,
            day=c.day,
        )
        for clue, candidates in zip(clues, found, strict=True)
        for c in kept_matches(candidates)
    )
    ObjectChange.objects.bulk_create(
        audit.change_row(user, "create", clue, None, audit.snapshot(clue, CLUE_AUDIT)) for clue in clues
    )
    return clues


def kept_matches(candidates: list[rules.Candidate]) -> list[rules.Candidate]:
    """The matches stored with a clue: each record once, the latest KEPT_MATCHES of each ledger (a
    hotline's thousand cases decide the station through the latest one; the page need not list them)."""
    unique = {(c.ledger, c.record_id): c for c in candidates}.values()
    kept = []
    for ledger in rules.PRIORITY:
        mine = sorted(
            (c for c in unique if c.ledger == ledger), key=lambda c: (c.day or date.min, c.record_id)
        )
        kept += mine[::-1][:KEPT_MATCHES]
    return kept


@transaction.atomic
def rematch(user, clues) -> int:
    """Cases saved or imported after a clue arrived may hold its value: the open clues are matched
    again (their stored matches replaced where the ledgers now say more), and a clue still in the
    county queue goes to the station the new match names (audited). → how many left the queue."""
    clues = list(clues)
    if not clues:
        return 0
    found = matching.find_many([(clue.kind, clue.value) for clue in clues])
    stored: dict[int, set] = {}
    for clue_id, ledger, record_id in ClueMatch.objects.filter(clue__in=clues).values_list(
        "clue_id", "ledger", "record_id"
    ):
        stored.setdefault(clue_id, set()).add((ledger, record_id))
    names, moved = station_names(), 0
    for clue, candidates in zip(clues, found, strict=True):
        kept = kept_matches(candidates)
        if {(c.ledger, c.record_id) for c in kept} == stored.get(clue.pk, set()):
            continue
        ClueMatch.objects.filter(clue=clue).delete()
        ClueMatch.objects.bulk_create(
            ClueMatch(
                clue=clue,
                ledger=c.ledger,
                record_id=c.record_id,
                station_id=c.station_id,
                place_id=c.place_id,
                day=c.day,
            )
            for c in kept
        )
        choice = rules.assign(candidates, names)
        if clue.state == ClueState.UNASSIGNED and choice.station_id:

            def apply(clue=clue, choice=choice):
                clue.station_id, clue.assigned_by = choice.station_id, choice.assigned_by
                clue.assignment_note, clue.state = choice.note, ClueState.PENDING

            _change(user, clue, apply)
            moved += 1
    return moved


def receive(user, item: Incoming, days: int | None = None) -> Clue:
    (clue,) = receive_many(user, [item], days)
    return clue


def _change(user, clue: Clue, apply) -> Clue:
    return actions.update(user, clue, CLUE_AUDIT, apply)


def _officer(user, officer: str) -> str:
    return officer.strip() or (user.get_full_name() or user.get_username() if user else "")


@transaction.atomic
def assign(user, clue: Clue, station: OrgUnit) -> Clue:
    """The county office assigns a clue from its queue (or moves an open one) to a station."""
    if station is None or station.kind != OrgKind.STATION:
        raise ClueError("请选择派出所")
    if user is not None and not covers(user, station):  # None: the system (the demo, a script)
        raise ClueError("只能分配给您管辖范围内的派出所")
    if not clue.is_open:
        raise ClueError("该线索已核查，不能再分配")

    def apply():
        clue.station = station
        clue.assigned_by = "manual"
        clue.assignment_note = f"{getattr(user, 'org', None) or '县局'}人工分配至{station.name}"
        clue.state = ClueState.PENDING

    return _change(user, clue, apply)


@transaction.atomic
def record_finding(user, clue: Clue, *, landed: bool, finding: str, officer: str = "") -> Clue:
    """核查结果: what the station found. Landed (落地: the clue led to a person or a place) → 已核查;
    not → 无法落地. Needs the clue assigned and not yet verified, and the finding written down."""
    if clue.station_id is None:
        raise ClueError("线索尚在县局待分配，不能登记核查结果")
    if not clue.is_open:
        raise ClueError("该线索已登记核查结果")
    if not finding.strip():
        raise ClueError("请填写核查结果")

    def apply():
        clue.finding = finding.strip()
        clue.verified_at = clock.now()
        clue.state = ClueState.VERIFIED if landed else ClueState.UNLANDABLE
        clue.officer = _officer(user, officer)

    return _change(user, clue, apply)


def clean_people(text: str) -> str:
    """打处 people, one a line as 姓名 身份证号 (the number may be left out); each number checked and
    normalised; ClueError naming the line when one is not a valid ID number."""
    lines = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        name, rest = parts[0], parts[1:]
        if len(rest) > 1:
            raise ClueError(f"打处人员第{number}行：应为“姓名 身份证号”")
        if rest:
            try:
                rest = [clean_id_number(rest[0])]
            except IdNumberError as exc:
                raise ClueError(f"打处人员第{number}行：{exc}") from exc
        lines.append(" ".join([name, *rest]))
    return "\n".join(lines)


@transaction.atomic
def record_strike(
    user, clue: Clue, *, people: int, handled_people: str = "", finding: str = "", officer: str = ""
) -> Clue:
    """打处: the people dealt with on the clue (刑事拘留、行政处罚…), counted in the station's 打击处理人数 of
    the month it is recorded. A clue still open is verified by the same act (its finding needed)."""
    if clue.station_id is None:
        raise ClueError("线索尚在县局待分配，不能登记打处")
    if clue.state in (ClueState.STRUCK, ClueState.UNLANDABLE):
        raise ClueError(f"该线索状态为“{clue.get_state_display()}”，不能登记打处")
    if people < 1:
        raise ClueError("打处人数应至少为1人")
    names = clean_people(handled_people)
    if names and len(names.splitlines()) > people:
        raise ClueError(f"填写了{len(names.splitlines())}名打处人员，多于打处人数{people}")
    if clue.is_open and not finding.strip():
        raise ClueError("请填写核查结果")

    def apply():
        now = clock.now()
        if clue.is_open:
            clue.finding, clue.verified_at = finding.strip(), now
        elif finding.strip():
            clue.finding = finding.strip()
        clue.state = ClueState.STRUCK
        clue.people_handled = people
        clue.handled_people = names
        clue.struck_at = now
        clue.officer = _officer(user, officer)

    return _change(user, clue, apply)


def today() -> date:
    """Today in Beijing time, from core/clock."""
    return timezone.localtime(clock.now()).date()


def overdue(queryset=None, day: date | None = None):
    """Open clues past their deadline day (待分配 or 待核查 after the deadline)."""
    day = day or today()
    queryset = Clue.objects.all() if queryset is None else queryset
    return queryset.filter(state__in=(ClueState.UNASSIGNED, ClueState.PENDING), deadline__lt=day)
