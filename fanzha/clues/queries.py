"""The clue ledger's published read interface: the figures others read (the indicators, the monthly
通报) and the figures page.

打击处理人数 (000 篇十二 「發案下降、群眾損失下降,破案數上升、打擊處理數上升」, the 两降两升; docs/clues.md):
the people handled (打处) on clues, counted in the station and the month (Beijing time) the 打处 was
recorded. 落地 (landed): the clue verified as leading somewhere (已核查 or 已打处); 按时: its 核查结果
recorded on or before its deadline day."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from fanzha.clues.models import LANDED_STATES, Clue
from fanzha.orgs.models import OrgUnit


def _span(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, last + 1 day 00:00) in Beijing time."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.combine(first, time.min), zone),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone),
    )


def _month(value) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def people_handled(first: date, last: date, queryset=None) -> dict[tuple[int, str], int]:
    """打击处理人数 from clues: {(station id, "YYYY-MM"): people} for the 打处 recorded from `first` to
    `last` (days, inclusive). One grouped query. The indicators read this (per station and month)."""
    start, end = _span(first, last)
    rows = (
        (Clue.objects.all() if queryset is None else queryset)
        .filter(struck_at__gte=start, struck_at__lt=end, station__isnull=False)
        .annotate(month=TruncMonth("struck_at"))
        .values("station_id", "month")
        .annotate(n=Sum("people_handled"))
        .order_by()
    )
    return {(row["station_id"], _month(row["month"])): row["n"] or 0 for row in rows}


@dataclass
class StationMonth:
    station_id: int | None  # None: the county queue
    station: str
    month: str
    received: int = 0  # clues received in the month
    landed: int = 0  # of those, verified as landing (已核查/已打处)
    on_time: int = 0  # of those landed, verified by their deadline
    unlandable: int = 0  # of those, verified as not landing (无法落地)
    open: int = 0  # of those, still 待分配/待核查
    people: int = 0  # 打击处理人数: people handled on 打处 recorded in the month

    @property
    def landed_pct(self) -> float | None:
        return round(100 * self.landed / self.received, 1) if self.received else None

    @property
    def on_time_pct(self) -> float | None:
        return round(100 * self.on_time / self.landed, 1) if self.landed else None


def figures(first: date, last: date, queryset=None) -> list[StationMonth]:
    """Per station and month: clues received (by received day) and what became of them, and the people
    handled (by the month of the 打处). Two grouped queries; rows ordered by month, then station."""
    base = Clue.objects.all() if queryset is None else queryset
    received = (
        base.filter(received_on__gte=first, received_on__lte=last)
        .annotate(month=TruncMonth("received_on"), verified_day=TruncDate("verified_at"))
        .values("station_id", "month")
        .annotate(
            received=Count("id"),
            landed=Count("id", filter=Q(state__in=LANDED_STATES)),
            on_time=Count("id", filter=Q(state__in=LANDED_STATES, verified_day__lte=F("deadline"))),
            unlandable=Count("id", filter=Q(state="unlandable")),
            open=Count("id", filter=Q(state__in=("unassigned", "pending"))),
        )
        .order_by()
    )
    rows: dict[tuple[int | None, str], StationMonth] = {}
    names = dict(OrgUnit.objects.filter(kind="station").values_list("id", "name"))

    def row(station_id, month) -> StationMonth:
        key = (station_id, month)
        if key not in rows:
            rows[key] = StationMonth(station_id, names.get(station_id, "县局待分配"), month)
        return rows[key]

    for r in received:
        entry = row(r["station_id"], _month(r["month"]))
        for name in ("received", "landed", "on_time", "unlandable", "open"):
            setattr(entry, name, r[name])
    for (station_id, month), people in people_handled(first, last, base).items():
        row(station_id, month).people = people
    return sorted(rows.values(), key=lambda r: (r.month, r.station_id is None, r.station))


def totals(rows: list[StationMonth]) -> StationMonth:
    total = StationMonth(None, "合计", "")
    for r in rows:
        for name in ("received", "landed", "on_time", "unlandable", "open", "people"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    return total
