"""The strike desk's published read interface: the desk in order of time left, what is due for a home
page, overdue documents per station, a case's panel (its requests, and freezes of its accounts made
for other cases), and the figures per station and month. Everything reads through `visible_to`."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone

from fanzha.cases.choices import IdentifierKind
from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.core import clock
from fanzha.parameters import config
from fanzha.strike.models import HOLDING_KINDS, Kind, State, StrikeRequest, clocks_of
from fanzha.strike.rules import Clock, Urgency

# the documents a request prints (reports/strike.py writes them)
DOCUMENTS = {"notice": "协助冻结财产通知书（数据表）", "receipt": "送达回执", "returns": "协助返还清单"}


def may_reveal(user, request: StrikeRequest) -> bool:
    """Clear account data: a holder of cases.view_pii, or the liaison of the bank that holds the account
    (their own customer's account); shown only on request, and each showing is logged by the caller."""
    return user.has_perm("cases.view_pii") or (
        getattr(user, "org_id", None) is not None and user.org_id == request.bank_id
    )


def visible(user):
    return StrikeRequest.objects.visible_to(user).select_related("case", "case__station", "account", "bank")


def time_left(due: datetime, now: datetime) -> str:
    """剩余 3小时20分 / 超时 1天2小时 — how the desk says it."""
    delta = due - now
    late = delta < timedelta(0)
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    text = (f"{days}天" if days else "") + (f"{hours}小时" if hours or days else "") + f"{minutes}分"
    return ("超时 " if late else "剩余 ") + text


@dataclass
class ClockView:
    clock: Clock
    state: str
    left: str


@dataclass
class DeskRow:
    request: StrikeRequest
    clocks: list[ClockView]
    urgency: str  # of the nearest unmet clock (Urgency.MET when none)
    left: str = ""
    label: str = ""  # what the nearest unmet clock asks for


def amber_hours() -> int:
    """How long before a deadline the desk turns it amber (the county's reading)."""
    return int(config.current()["strike.amber_hours"])


def row(request: StrikeRequest, now: datetime, amber_hours: int = 2) -> DeskRow:
    views = [ClockView(c, c.state(now, amber_hours), time_left(c.due, now)) for c in clocks_of(request)]
    open_ = sorted((v for v in views if v.state != Urgency.MET), key=lambda v: v.clock.due)
    if not open_:
        return DeskRow(request, views, Urgency.MET)
    return DeskRow(request, views, open_[0].state, open_[0].left, open_[0].clock.label)


def desk_rows(queryset, now: datetime | None = None, limit: int = 300) -> list[DeskRow]:
    """In order of time left: the most pressing first, those with nothing due after (newest first)."""
    now = now or clock.now()
    ordered = queryset.order_by(F("due_at").asc(nulls_last=True), "-requested_at", "-id")[:limit]
    amber = amber_hours()
    return [row(r, now, amber) for r in ordered]


@dataclass
class Due:
    overdue: int
    soon: int
    rows: list[DeskRow]


def due_for(user, now: datetime | None = None, limit: int = 5) -> Due:
    """What is due for this reader (home page): counts of red and amber, the nearest few."""
    now = now or clock.now()
    hours = amber_hours()
    pending = visible(user).filter(due_at__isnull=False)
    return Due(
        overdue=pending.filter(due_at__lt=now).count(),
        soon=pending.filter(due_at__gte=now, due_at__lte=now + timedelta(hours=hours)).count(),
        rows=[row(r, now, hours) for r in pending.order_by("due_at")[:limit]],
    )


def late_documents(queryset, now: datetime | None = None):
    """Requests whose legal documents are past their 24 h and not delivered."""
    now = now or clock.now()
    return queryset.filter(documents_due_at__lt=now, documents_delivered_at__isnull=True).exclude(
        state=State.FAILED
    )


def late_documents_by_station(queryset, now: datetime | None = None) -> list[tuple[str, int]]:
    """(station, count) of overdue document deliveries, most first."""
    counts: dict[str, int] = defaultdict(int)
    for name in late_documents(queryset, now).values_list("case__station__name", flat=True):
        counts[name] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class ForeignFreeze:
    """A stop or freeze on one of this case's accounts, made for another case. Outside the reader's
    subtree only that case's station and day are shown."""

    account: str  # the normalised number (the template masks it)
    kind: str
    state: str
    held_fen: int
    confirmed_at: datetime | None
    station: str
    case_pk: int | None  # None: outside the reader's subtree
    case_number: str
    request_pk: int | None


@dataclass
class CasePanel:
    requests: list[DeskRow]
    elsewhere: list[ForeignFreeze] = field(default_factory=list)


def case_panel(case: Case, user, now: datetime | None = None) -> CasePanel:
    now = now or clock.now()
    own = visible(user).filter(case=case).order_by("-requested_at", "-id")
    amber = amber_hours()
    accounts = list(
        SuspectIdentifier.objects.filter(case=case, kind=IdentifierKind.ACCOUNT).values_list(
            "value", flat=True
        )
    )
    elsewhere = []
    if accounts:
        holding = (
            StrikeRequest.objects.filter(
                account__number__in=accounts,
                kind__in=HOLDING_KINDS,
                state__in=(State.IN_FORCE, State.PENDING),
            )
            .exclude(case=case)
            .select_related("case__station", "account")
            .order_by("-requested_at")
        )
        holding = list(holding)
        cases_seen = set(
            Case.objects.visible_to(user)
            .filter(pk__in={r.case_id for r in holding})
            .values_list("pk", flat=True)
        )
        requests_seen = set(visible(user).filter(pk__in=[r.pk for r in holding]).values_list("pk", flat=True))
        for r in holding:
            inside = r.case_id in cases_seen
            elsewhere.append(
                ForeignFreeze(
                    account=r.account.number,
                    kind=r.get_kind_display(),
                    state=r.get_state_display(),
                    held_fen=r.held_fen,
                    confirmed_at=r.confirmed_at or r.requested_at,
                    station=str(r.case.station or ""),
                    case_pk=r.case_id if inside else None,
                    case_number=r.case.case_number if inside else "",
                    request_pk=r.pk if r.pk in requests_seen else None,
                )
            )
    return CasePanel([row(r, now, amber) for r in own], elsewhere)


@dataclass
class Figures:
    station: str
    month: str
    requests: int = 0
    held_fen: int = 0
    returned_fen: int = 0
    documents_due: int = 0
    documents_on_time: int = 0
    minutes_to_stop: list[int] = field(default_factory=list)

    @property
    def documents_on_time_pct(self) -> float | None:
        if not self.documents_due:
            return None
        return round(100 * self.documents_on_time / self.documents_due, 1)

    @property
    def median_minutes_to_stop(self) -> float | None:
        """报案→止付 (the golden hour): per case, from the report to the bank's first confirmed stop or
        freeze; the median of the cases."""
        return statistics.median(self.minutes_to_stop) if self.minutes_to_stop else None


def figures(queryset, start: datetime, end: datetime) -> list[Figures]:
    """Per station and month (by the request's time, Beijing): requests, amount stopped/frozen (stops
    and freezes confirmed; a renewal holds the same money again and is not added), amount returned,
    documents delivered in time, median minutes from 报案 to the first confirmed stop or freeze."""
    rows = (
        queryset.filter(requested_at__gte=start, requested_at__lt=end)
        .select_related("case", "case__station")
        .order_by("requested_at")
    )
    table: dict[tuple[str, str], Figures] = {}
    first_hold: dict[int, tuple[str, str, int]] = {}
    for r in rows:
        month = timezone.localtime(r.requested_at).strftime("%Y-%m")
        station = str(r.case.station or "—")
        f = table.setdefault((station, month), Figures(station, month))
        f.requests += 1
        if r.kind in (Kind.STOP, Kind.FREEZE) and r.state != State.FAILED and r.previous_id is None:
            f.held_fen += r.held_fen
        f.returned_fen += r.returned_fen if r.kind == Kind.RETURN else 0
        if r.documents_due_at is not None and r.state != State.FAILED:
            f.documents_due += 1
            if r.documents_delivered_at is not None and r.documents_delivered_at <= r.documents_due_at:
                f.documents_on_time += 1
        if r.kind in (Kind.STOP, Kind.FREEZE) and r.confirmed_at and r.state != State.FAILED:
            minutes = int((r.confirmed_at - r.case.reported_at).total_seconds() // 60)
            if r.case_id not in first_hold or minutes < first_hold[r.case_id][2]:
                first_hold[r.case_id] = (station, month, minutes)
    for station, month, minutes in first_hold.values():
        table[(station, month)].minutes_to_stop.append(minutes)
    return [table[key] for key in sorted(table)]
