"""逐案推进 per station and grade: cases, 查有结果 %, what is still open and since when. The page, the
API (`/api/cases/grades/`) and the CLI (`fanzha cases grades`) read this one table."""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from fanzha.cases import rules
from fanzha.cases.choices import Grade, Stage
from fanzha.cases.models import Case
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.rounding import percent_beside
from fanzha.orgs.models import OrgUnit

RESULT = rules.stage_statuses(Stage.RESULT)
CHECKING = rules.stage_statuses(Stage.CHECKING)


@dataclass
class Cell:
    total: int = 0
    result: int = 0
    checking: int = 0
    oldest_open: datetime | None = None

    @property
    def unchecked(self) -> int:
        return self.total - self.result - self.checking

    @property
    def open(self) -> int:
        return self.total - self.result

    @property
    def result_pct(self) -> str | None:
        """查有结果 % to one decimal; never 「100.0」 short of every case."""
        return percent_beside(self.result, self.total, 100) if self.total else None


def follow_through(queryset) -> list[dict]:
    """One row per station among `queryset`'s cases: {station_id, cells: {grade: Cell}, total: Cell}."""
    rows: dict[int, dict] = {}
    aggregated = (
        queryset.values("station_id", "grade")
        .annotate(
            total=Count("id"),
            result=Count("id", filter=Q(status__in=RESULT)),
            checking=Count("id", filter=Q(status__in=CHECKING)),
            oldest_open=Min("reported_at", filter=~Q(status__in=RESULT)),
        )
        .order_by()
    )
    for item in aggregated:
        row = rows.setdefault(
            item["station_id"],
            {"station_id": item["station_id"], "cells": {g: Cell() for g in Grade.values}, "total": Cell()},
        )
        part = Cell(item["total"], item["result"], item["checking"], item["oldest_open"])
        _add(row["cells"][item["grade"] or Grade.THIRD], part)  # a case not yet graded reads as 三级
        _add(row["total"], part)
    return list(rows.values())


@dataclass
class Table:
    period: object
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None
    error: str = ""

    def export_rows(self):
        yield [
            "派出所",
            *(
                f"{label}{what}"
                for _value, label in Grade.choices
                for what in ("案件数", "查有结果", "查有结果%", "最早未结")
            ),
            "合计案件数",
            "合计查有结果",
            "合计查有结果%",
        ]
        for row in [*self.rows, self.total]:
            cells = []
            for g in Grade.values:
                c = row["cells"][g]
                cells += [c.total, c.result, c.result_pct or "", _day(c.oldest_open)]
            t = row["total"]
            yield [row["name"], *cells, t.total, t.result, t.result_pct or ""]

    def as_json(self) -> dict:
        def cell(c: Cell) -> dict:
            return {
                "cases": c.total,
                "unchecked": c.unchecked,
                "checking": c.checking,
                "result": c.result,
                "result_pct": c.result_pct,
                "oldest_open": _day(c.oldest_open) or None,
            }

        def row(r: dict) -> dict:
            return {
                "station": r["code"],
                "station_name": r["name"],
                "grades": {Grade(g).label: cell(r["cells"][g]) for g in Grade.values},
                "total": cell(r["total"]),
            }

        return {
            "period": str(self.period),
            "stations": [row(r) for r in self.rows],
            "total": row(self.total) if self.total else None,
        }


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


def _link(period, station_id: int | None, grade: int | None, stage: str | None) -> str:
    query = {"month": str(period)}
    if station_id:
        query["station"] = station_id
    if grade:
        query["grade"] = grade
    if stage:
        query["stage"] = stage
    return f"{reverse('cases:list')}?{urlencode(query)}"


def station_table(user, period_text: str | None) -> Table:
    """The follow-through table of the cases `user` sees reported in the period (default: this year)."""
    text = (period_text or "").strip() or str(timezone.localdate().year)
    try:
        period = parse_period(text)
    except PeriodError as exc:
        return Table(period=text, error=str(exc), total=_empty_row(None, "合计"))
    visible = Case.objects.all() if user is None else Case.objects.visible_to(user)  # None: the CLI
    cases = visible.filter(reported_at__gte=period.start, reported_at__lt=period.end)
    rows = follow_through(cases)
    units = OrgUnit.objects.in_bulk([r["station_id"] for r in rows])
    total = _empty_row(None, "合计")
    for r in rows:
        unit = units.get(r["station_id"])
        r["code"], r["name"] = (unit.code, unit.name) if unit else ("", "")
        for g in Grade.values:
            _add(total["cells"][g], r["cells"][g])
        _add(total["total"], r["total"])
    rows.sort(key=lambda r: r["code"])
    for r in [*rows, total]:
        r["links"] = {
            g: {
                "all": _link(period, r["station_id"], g, None),
                "result": _link(period, r["station_id"], g, Stage.RESULT),
                "open": _link(period, r["station_id"], g, "open"),
            }
            for g in [*Grade.values, None]
        }
    return Table(period=period, rows=rows, total=total)


def _empty_row(station_id, name: str) -> dict:
    return {
        "station_id": station_id,
        "code": "",
        "name": name,
        "cells": {g: Cell() for g in Grade.values},
        "total": Cell(),
    }


def _add(into: Cell, cell: Cell) -> None:
    into.total += cell.total
    into.result += cell.result
    into.checking += cell.checking
    if cell.oldest_open and (into.oldest_open is None or cell.oldest_open < into.oldest_open):
        into.oldest_open = cell.oldest_open
