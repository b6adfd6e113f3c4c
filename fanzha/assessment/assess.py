"""Scoring units on an assessment scheme for a year: assessor items as entered, Part B computed from
the ledger (towns/streets by place, member units by their staff's cases)."""

from dataclasses import dataclass
from decimal import Decimal

from fanzha.assessment.models import ItemScore, Scheme
from fanzha.assessment.models.schemes import PartMethod
from fanzha.assessment.scoring import case_trend_points, largest_decline
from fanzha.assessment.tally import Tally, tally
from fanzha.core.periods import Period
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level

SUBJECT_LEVELS = ("town", "unit")  # 办事处 (towns/streets) and 单位 (member units), 004


class SchemeNotFound(LookupError):
    pass


def latest_scheme(code: str) -> Scheme:
    scheme = Scheme.objects.filter(code=code, is_active=True).order_by("-version").first()
    if scheme is None:
        raise SchemeNotFound(f"没有代码为「{code}」的考核方案")
    return scheme


@dataclass
class Subject:
    org: OrgUnit
    level: str
    last_year: int
    this_year: int


def _subjects(year: int, excluded) -> list[Subject]:
    spans = {"now": Period(year, 1, 12), "before": Period(year - 1, 1, 12)}
    subjects = []
    for key in SUBJECT_LEVELS:
        level = get_level(key)
        counted = tally(spans, level=level, excluded_statuses=excluded, with_money=False)
        for org in OrgUnit.objects.filter(kind__in=level.kinds, is_active=True).order_by("code"):
            subjects.append(
                Subject(
                    org,
                    key,
                    counted["before"].get(org.id, Tally()).cases,
                    counted["now"].get(org.id, Tally()).cases,
                )
            )
    return subjects


def assess(year: int, scheme: Scheme, settings: dict | None = None, orgs=None) -> list[dict]:
    settings = settings or config.current()
    subjects = _subjects(year, settings["indicators.excluded_statuses"])
    if orgs is not None:
        wanted = {o.id for o in orgs}
        visible_subjects = [s for s in subjects if s.org.id in wanted]
    else:
        visible_subjects = subjects
    per_kind = settings["score.decline_scope"] == "per_kind"
    largest = {
        key: largest_decline([(s.last_year, s.this_year) for s in subjects if not per_kind or s.level == key])
        for key in SUBJECT_LEVELS
    }
    parts = list(scheme.parts.prefetch_related("items"))
    scores = {
        (s.org_id, s.item_id): s for s in ItemScore.objects.filter(year=year, item__part__scheme=scheme)
    }
    results = []
    for subject in visible_subjects:
        part_results = []
        for part in parts:
            if part.method == PartMethod.CASE_TREND:
                trend = case_trend_points(
                    subject.last_year,
                    subject.this_year,
                    largest[subject.level],
                    flat_band_pct=Decimal(settings["score.flat_band_pct"]),
                    decline=settings["score.decline"],
                    rise_rounding=settings["score.rise_rounding"],
                    zero_base=settings["score.zero_base"],
                )
                points = min(trend.points, part.max_points)
                inputs = {
                    "cases_last_year": subject.last_year,
                    "cases": subject.this_year,
                    "change_pct": None
                    if trend.change_pct is None
                    else str(trend.change_pct.quantize(Decimal("0.1"))),
                    "largest_decline_pct": None
                    if largest[subject.level] is None
                    else str(largest[subject.level].quantize(Decimal("0.1"))),
                    "explanation": trend.explanation,
                    "arithmetic": trend.arithmetic,
                    "needs_review": trend.needs_review,
                }
            else:
                items, total = [], Decimal(0)
                for item in part.items.all():
                    entered = scores.get((subject.org.id, item.id))
                    value = min(entered.points, item.max_points) if entered else None
                    total += value or 0
                    items.append(
                        {
                            "code": item.code,
                            "name": item.name,
                            "max_points": str(item.max_points),
                            "points": None if value is None else str(value),
                            "evidence": entered.evidence if entered else "",
                        }
                    )
                points = min(total, part.max_points)
                pending = sum(1 for i in items if i["points"] is None)
                # 未评: no item scored yet; the part's points are then not a score at all
                inputs = {
                    "entries": items,
                    "pending": pending,
                    "unscored": bool(items) and pending == len(items),
                }
            part_results.append(
                {
                    "code": part.code,
                    "name": part.name,
                    "max_points": str(part.max_points),
                    "points": str(points),
                    "inputs": inputs,
                }
            )
        total = sum(Decimal(p["points"]) for p in part_results)
        results.append(
            {
                "code": subject.org.code,
                "name": subject.org.display_name,
                "subject": "办事处" if subject.level == "town" else "单位",
                "parts": part_results,
                "total": str(total),
                # 暂计: some item still unscored (or Part B to be reviewed): the total may still change
                "provisional": any(
                    p["inputs"].get("pending") or p["inputs"].get("needs_review") for p in part_results
                ),
            }
        )
    return results


def ranked(results: list[dict]) -> list[dict]:
    """The results, highest total first, each with its 名次 (ties share one: 1, 2, 2, 4)."""
    ordered = sorted(results, key=lambda r: (-Decimal(r["total"]), r["code"]))
    for index, result in enumerate(ordered):
        tied = index and Decimal(ordered[index - 1]["total"]) == Decimal(result["total"])
        result["rank"] = ordered[index - 1]["rank"] if tied else index + 1
    return ordered
