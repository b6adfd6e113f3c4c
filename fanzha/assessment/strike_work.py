"""The strike side's indicators of a unit for a period (两降两升 of plan 000: 打击处理人数 up, losses
stopped): 止付冻结 of the unit's cases (strike/queries.py) and the people handled on clues pushed
from above by the stations of the unit's subtree (clues/queries.py)."""

import statistics
from datetime import timedelta

from fanzha.cases.models import Case
from fanzha.cases.queries import unit_filter
from fanzha.clues.models import Clue
from fanzha.clues.queries import people_handled
from fanzha.core.money import format_yuan
from fanzha.strike.models import StrikeRequest
from fanzha.strike.queries import figures


def strike_indicators(org, period) -> dict:
    rows = figures(
        StrikeRequest.objects.filter(case__in=Case.objects.filter(unit_filter(org))), period.start, period.end
    )
    due = sum(r.documents_due for r in rows)
    on_time = sum(r.documents_on_time for r in rows)
    minutes = [m for r in rows for m in r.minutes_to_stop]
    first, last = period.start.date(), (period.end - timedelta(days=1)).date()
    handled = people_handled(first, last, Clue.objects.filter(station__path__startswith=org.path))
    return {
        "requests": sum(r.requests for r in rows),
        "held_yuan": format_yuan(sum(r.held_fen for r in rows)),
        "returned_yuan": format_yuan(sum(r.returned_fen for r in rows)),
        "documents_due": due,
        "documents_on_time": on_time,
        "documents_on_time_pct": round(100 * on_time / due, 1) if due else None,
        "median_minutes_to_stop": statistics.median(minutes) if minutes else None,
        "people_handled": sum(handled.values()),
    }
