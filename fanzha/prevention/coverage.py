"""Coverage of each unit for a period (`fanzha coverage`): households visited of all households, App
registrations of the population, and each applicable coverage target and quota with `met`.

A household counts as visited once a calendar year, from its first visit (VisitedHousehold), so the
figure for a period is the year to date at the period's last day. Households are the unit's own
户数 for the year (orgs.Population), else the households registered in the ledger. Registrations are
the platform's cumulative counts: the latest figure on or before the period's last day. A town, a
station and the county add up their villages unless they have their own figures."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from fanzha.core.rounding import percent_beside
from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit, Population
from fanzha.parameters.levels import get_level
from fanzha.prevention import rules
from fanzha.prevention.models import (
    Activity,
    CoverageTarget,
    Household,
    PublicityTeam,
    Registration,
    VisitedHousehold,
)
from fanzha.prevention.models.activities import QuotaGroup
from fanzha.prevention.models.registrations import Measure, Tool

MEASURE_TOOL = {Measure.APP_RATE: Tool.NATIONAL_APP, Measure.JZZ_RATE: Tool.JINZHONGZHAO}


@dataclass
class Figures:
    households: int | None = None
    households_visited: int = 0
    population: int | None = None
    registered: dict = field(default_factory=dict)  # tool → count

    def add(self, other: "Figures") -> None:
        if other.households is not None:
            self.households = (self.households or 0) + other.households
        self.households_visited += other.households_visited
        if other.population is not None:
            self.population = (self.population or 0) + other.population
        for tool, count in other.registered.items():
            self.registered[tool] = self.registered.get(tool, 0) + count


def visited_by_village(year: int, days: list[date]) -> dict[date, dict[int, int]]:
    """day → village → households first visited in `year` on or before that day: one pass over the
    year's first-visit rows for all the days (a count filtered by each day)."""
    days = sorted(set(days))
    counts = {
        f"by{i}": Count("household_id", filter=Q(first_visited_on__lte=day)) for i, day in enumerate(days)
    }
    rows = (
        VisitedHousehold.objects.filter(year=year, first_visited_on__lte=days[-1])
        .values("village_id")
        .annotate(**counts)
        .order_by()
    )
    result: dict[date, dict[int, int]] = {day: {} for day in days}
    for row in rows:
        for i, day in enumerate(days):
            if row[f"by{i}"]:
                result[day][row["village_id"]] = row[f"by{i}"]
    return result


def latest_registrations(through: date) -> dict[tuple[int, str], int]:
    """(org id, tool) → the latest cumulative count on or before `through`."""
    latest = (
        Registration.objects.filter(as_of__lte=through)
        .values_list("org_id", "tool")
        .annotate(last=Max("as_of"))
        .order_by()
    )
    wanted = {(org, tool): last for org, tool, last in latest}
    if not wanted:
        return {}
    dates = {last for last in wanted.values()}
    rows = Registration.objects.filter(as_of__in=dates).values_list("org_id", "tool", "as_of", "count")
    return {(org, tool): count for org, tool, as_of, count in rows if wanted.get((org, tool)) == as_of}


def _bases(year: int) -> dict[int, tuple[int | None, int | None]]:
    """org id → (population, households) for the year; a village without a 户数 figure counts the
    households registered in the ledger (only those villages are counted)."""
    bases = {
        org_id: (people, households)
        for org_id, people, households in Population.objects.filter(year=year).values_list(
            "org_id", "population", "households"
        )
    }
    known = {org_id for org_id, (_, households) in bases.items() if households is not None}
    missing = [
        v for v in OrgUnit.objects.filter(kind__in=PLACE_KINDS).values_list("id", flat=True) if v not in known
    ]
    if not missing:  # every village has its 户数: nothing to count in the ledger
        return bases
    counted = Household.objects.filter(village__in=missing).values_list("village_id").annotate(n=Count("id"))
    for village_id, n in counted.order_by():
        bases[village_id] = (bases.get(village_id, (None, None))[0], n)
    return bases


def _own_figures(bases: dict, visited: dict[int, int], through: date) -> dict[int, Figures]:
    """Every unit's own figures (villages from the ledgers, others only where they have rows)."""
    own: dict[int, Figures] = defaultdict(Figures)
    for org_id, (people, households) in bases.items():
        own[org_id].population, own[org_id].households = people, households
    for village_id, n in visited.items():
        own[village_id].households_visited = n
    for (org_id, tool), count in latest_registrations(through).items():
        own[org_id].registered[tool] = count
    return own


def unit_figures(
    level_key: str, year: int, days: list[date]
) -> tuple[list[OrgUnit], dict[date, dict[int, Figures]]]:
    """The units of a level and, for each day, their figures; a unit without its own figures sums its
    villages'."""
    level = get_level(level_key)
    units = list(
        OrgUnit.objects.filter(kind__in=level.kinds, is_active=True).select_related("parent").order_by("code")
    )
    bases = _bases(year)
    visited = visited_by_village(year, days)
    villages = list(OrgUnit.objects.filter(kind__in=PLACE_KINDS).values_list("id", "parent_id", "station_id"))
    return units, {
        day: _level_figures(level_key, units, villages, _own_figures(bases, visited[day], day))
        for day in visited
    }


def _level_figures(level_key: str, units: list[OrgUnit], villages: list, own: dict) -> dict[int, Figures]:
    if level_key in ("village", "unit"):
        return {u.id: own.get(u.id, Figures()) for u in units}
    summed: dict[int, Figures] = defaultdict(Figures)
    for village_id, parent_id, station_id in villages:
        owner = station_id if level_key == "station" else parent_id
        if village_id in own and owner is not None:
            summed[owner].add(own[village_id])
    result = {}
    for unit in units:
        figures = summed.get(unit.id, Figures())
        mine = own.get(unit.id)
        if mine is not None:  # a unit's own population or registration figure wins over the sum
            figures.population = mine.population if mine.population is not None else figures.population
            figures.households = mine.households if mine.households is not None else figures.households
            figures.registered = {**figures.registered, **mine.registered}
        result[unit.id] = figures
    return result


def _target_entry(target: CoverageTarget, figures_at, through: date) -> dict:
    final = through >= target.deadline
    judged_on = min(through, target.deadline)  # a passed deadline is judged on that day's figures
    figures = figures_at(judged_on)
    if target.measure == Measure.VISIT_COVERAGE:
        actual, base, unit = figures.households_visited, figures.households, "户"
    else:
        actual, base, unit = figures.registered.get(MEASURE_TOOL[target.measure], 0), figures.population, "人"
    reached = rules.coverage_met(actual, base, target.target_pct)
    met = reached if final or reached else None
    state = {True: "已达成", False: "未达成", None: "进行中"}[met] if base else "缺少基数"
    return {
        "name": target.name,
        "measure": target.measure,
        "target_pct": str(target.target_pct),
        "deadline": target.deadline.isoformat(),
        # as many decimals as it takes to agree with the verdict (7,999 of 10,000 is 79.99, not 80.0)
        "actual_pct": percent_beside(actual, base, target.target_pct) if base else None,
        "actual": actual,
        "base": base,
        "met": met if base else None,
        "state": state,
        "judged_on": judged_on.isoformat(),
        "judged_on_label": f"{judged_on.month}月{judged_on.day}日",
        "short": rules.coverage_short(actual, base, target.target_pct),
        "unit": unit,
    }


def _quota_entries(level_key: str, unit: OrgUnit, counts: dict, settings: dict, months: int) -> list[dict]:
    entries = []
    if level_key == "village":
        sessions = counts["session"].get(unit.id, 0)
        per_month = settings["quota.village_sessions_per_month"]
        required = per_month * months
        entries.append(
            _quota(
                f"每月集中宣传不少于{per_month}场",
                sessions,
                required,
                rules.sessions_meet(sessions, required),
            )
        )
        banners = counts["banner_year"].get(unit.id, 0)
        minimum = settings["quota.village_banners"]
        entries.append(
            _quota(f"横幅标语不少于{minimum}幅", banners, minimum, rules.banners_meet(banners, minimum))
        )
    if level_key == "unit" and unit.sector == "学校":
        held = counts["school_semester"].get(unit.id, 0)
        minimum = settings["quota.school_activities_per_semester"]
        entries.append(
            _quota(
                f"每学期宣传活动不少于{minimum}次", held, minimum, rules.school_activities_meet(held, minimum)
            )
        )
    if level_key == "station":
        members = counts["team"].get(unit.id, 0)
        minimum = settings["quota.station_team_members"]
        entries.append(
            _quota(f"主力反诈宣传队不少于{minimum}人", members, minimum, rules.team_meets(members, minimum))
        )
    return entries


def _quota(name: str, actual: int, required: int, met: bool) -> dict:
    return {"name": name, "actual": actual, "required": required, "met": met}


def _activity_counts(
    group: str, first: date, last: date, field_name: str = "id", how=Count
) -> dict[int, int]:
    return dict(
        Activity.objects.filter(kind__quota_group=group, held_on__gte=first, held_on__lte=last)
        .values_list("org_id")
        .annotate(n=how(field_name))
        .order_by()
    )


def coverage(period, level_key: str, settings: dict, visible: set[int] | None = None) -> list[dict]:
    """One row per unit of the level (only the `visible` ones, when given)."""
    through = period.last_day
    first = period.start.date()
    year = through.year
    targets = list(
        CoverageTarget.objects.filter(level=level_key, deadline__year=year).select_related("scope")
    )
    # a target is judged on its deadline's figures once that has passed: all the days in one pass
    days = [through, *(min(through, t.deadline) for t in targets)]
    units, figures_on = unit_figures(level_key, year, days)
    figures = figures_on[through]
    semester = rules.semester_of(through)
    counts = {
        "session": _activity_counts(QuotaGroup.SESSION, first, through),
        "banner_year": _activity_counts(QuotaGroup.BANNER, date(year, 1, 1), through, "quantity", Sum),
        "school_semester": _activity_counts(QuotaGroup.SCHOOL, semester[0], semester[1]),
        "team": dict(PublicityTeam.objects.values_list("org_id").annotate(n=Max("members")).order_by()),
    }
    months = len(period.months_list()) if hasattr(period, "months_list") else 1
    rows = []
    for unit in units:
        if visible is not None and unit.id not in visible:
            continue
        f = figures[unit.id]
        app = f.registered.get(Tool.NATIONAL_APP, 0)
        row = {
            "code": unit.code,
            "name": unit.display_name,
            "households": f.households,
            "households_visited": f.households_visited,
            "visit_coverage_pct": _pct(f.households_visited, f.households),
            "population": f.population,
            "app_registered": app,
            "app_rate_pct": _pct(app, f.population),
            "jzz_registered": f.registered.get(Tool.JINZHONGZHAO, 0),
            "jzz_rate_pct": _pct(f.registered.get(Tool.JINZHONGZHAO, 0), f.population),
        }
        row["targets"] = [
            _target_entry(t, lambda day, uid=unit.id: figures_on[day][uid], through)
            for t in targets
            if unit.path.startswith(t.scope.path)
        ]
        row["quotas"] = _quota_entries(level_key, unit, counts, settings, months)
        rows.append(row)
    return rows


def _pct(part: int, whole: int | None) -> str | None:
    """A coverage rate, one decimal; never 「100.0」 short of complete (9,999 of 10,000 is 99.99)."""
    return percent_beside(part, whole, 100) if whole else None


def summary(rows: list[dict]) -> dict:
    """Totals over the listed units, for the page header."""
    households = sum(r["households"] or 0 for r in rows)
    visited = sum(r["households_visited"] for r in rows)
    population = sum(r["population"] or 0 for r in rows)
    app = sum(r["app_registered"] for r in rows)
    return {
        "households": households,
        "households_visited": visited,
        "visit_coverage_pct": _pct(visited, households),
        "population": population,
        "app_registered": app,
        "app_rate_pct": _pct(app, population),
        "units": len(rows),
        "missed": sum(1 for r in rows if any(t["met"] is False for t in r["targets"])),
    }


def at_risk(rows: list[dict]) -> list[dict]:
    """Units with a target missed or still short of it (the at-risk list)."""
    return [r for r in rows if any(t["met"] is not True for t in r["targets"])]


def behind(row: dict) -> list[dict]:
    """The row's targets not (yet) met, with the gap in percentage points (how far behind it is)."""
    out = []
    for target in row["targets"]:
        if target["met"] is True or target["actual_pct"] is None:
            continue
        gap = Decimal(target["target_pct"]) - Decimal(target["actual_pct"])
        out.append({**target, "gap_pct": gap})
    return out


def by_gap(rows: list[dict]) -> list[dict]:
    """Who is behind first, the furthest behind first (largest gap to a target, in percentage
    points); units on track after, in their order. Each row gets `behind` and `gap_pct`."""
    for row in rows:
        row["behind"] = behind(row)
        row["gap_pct"] = max((t["gap_pct"] for t in row["behind"]), default=None)
    lagging = sorted((r for r in rows if r["gap_pct"] is not None), key=lambda r: -r["gap_pct"])
    return lagging + [r for r in rows if r["gap_pct"] is None]


def towns_behind(rows: list[dict], town_of: dict[str, tuple[int, str]]) -> list[dict]:
    """The village rows (after `by_gap`) summed by town (`town_of`: village code → (town id, name)):
    how many villages are behind, and how many households or people short of each target, summed.
    The town with the most villages behind first, then the largest shortfall."""
    towns: dict[int, dict] = {}
    for row in rows:
        town_id, town_name = town_of.get(row["code"], (None, "（未归属乡镇）"))
        town = towns.setdefault(
            town_id,
            {
                "id": town_id,
                "name": town_name,
                "villages": 0,
                "behind": 0,
                "households": 0,
                "visited": 0,
                "short": {},
            },
        )
        town["villages"] += 1
        town["behind"] += 1 if row["behind"] else 0
        town["households"] += row["households"] or 0
        town["visited"] += row["households_visited"]
        for target in row["behind"]:
            key = (target["name"], target["unit"])
            town["short"][key] = town["short"].get(key, 0) + (target["short"] or 0)
    result = []
    for town in towns.values():
        town["visit_coverage_pct"] = _pct(town["visited"], town["households"])
        town["shortfalls"] = [
            {"name": name, "short": short, "unit": unit}
            for (name, unit), short in sorted(town["short"].items())
            if short
        ]
        result.append(town)
    return sorted(result, key=lambda t: (-t["behind"], -sum(s["short"] for s in t["shortfalls"])))
