"""The figures tabled at a meeting (会上通报的数据), generated from assessment's published indicators and
rankings for one month: the convening unit's 发案数, 损失, 万人发案数 with 同比/环比, and each level's
top and bottom of the 发案数 ranking and the top of the 万人发案数 ranking. Held meetings keep them as
they were (Meeting.figures), so a later import does not rewrite what was tabled."""

from fanzha.assessment.formulas import signed_pct
from fanzha.assessment.indicators import unit_indicators
from fanzha.assessment.ranking import build_ranking
from fanzha.core import clock
from fanzha.core.money import format_wan, parse_money
from fanzha.core.periods import Period
from fanzha.orgs.choices import OrgKind
from fanzha.parameters import config
from fanzha.parameters.levels import LEVELS

SHOWN = 3  # units named at each end of a ranking


def _levels_for(org) -> list[str]:
    if org.kind == OrgKind.STATION:
        return ["village"]
    if org.parent_id is None:
        return ["station", "town", "village", "unit"]
    return ["village"]


def _row(r) -> dict:
    return {
        "name": r.name,
        "cases": r.current.cases,
        "loss": format_wan(r.current.loss_fen),
        "per_10k": "—" if r.per_10k is None else str(r.per_10k),
        "rank_cases": r.ranks["cases"],
        "rank_per_10k": r.ranks["per_10k"],
    }


def tabled_figures(org, month: Period) -> dict:
    """JSON-safe figures of `org` for `month`, as a meeting tables them."""
    settings = config.current()
    own = unit_indicators(org, month)
    rankings = []
    for key in _levels_for(org):
        level = LEVELS[key]
        ranking = build_ranking(level, month, settings=settings, within=org)
        rows = ranking.rows
        if not rows:
            continue
        by_rate = sorted((r for r in rows if r.per_10k is not None), key=lambda r: r.ranks["per_10k"])
        top = [r for r in rows[:SHOWN] if r.current.cases]
        rankings.append(
            {
                "level": level.label,
                "units": len(rows),
                "top": [_row(r) for r in top],
                "bottom": [_row(r) for r in rows[-SHOWN:] if r not in top] if len(rows) > SHOWN else [],
                "top_per_10k": [_row(r) for r in by_rate[:SHOWN] if r.current.cases],
            }
        )
    return {
        "month": str(month),
        "label": month.label,
        "unit": org.name,
        "cases": own["cases"],
        "cases_last_year": own["cases_last_year"],
        "cases_yoy": signed_pct(own["cases_yoy_pct"]),
        "cases_mom": signed_pct(own["cases_mom_pct"]),
        "loss": format_wan(parse_money(own["loss_yuan"])),  # the indicators give yuan as text
        "loss_yoy": signed_pct(own["loss_yoy_pct"]),
        "per_10k": "—" if own["cases_per_10k"] is None else str(own["cases_per_10k"]),
        "population": own["population"],
        "rankings": rankings,
        "generated_at": clock.now().isoformat(),
    }
