"""The home page's headline figures are the rankings' figures: the same tally, 撤案 left out alike;
去年同期 runs from 1 January last year through the same day last year."""

import re
from datetime import date

from django.utils import timezone

from fanzha.assessment.dashboard import by_type, headline
from fanzha.assessment.ranking import build_ranking
from fanzha.cases.models import FraudType
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period
from fanzha.parameters.levels import get_level


def test_headline_counts_as_the_rankings_do(county):
    add_cases(county["v1"], "2024-03-05", 3, loss_yuan=100)
    add_cases(county["c1"], "2024-03-06", 1, status="withdrawn")
    add_cases(county["v1"], "2023-02-10", 2)
    add_cases(county["c1"], "2023-03-19", 1)  # up to the same day last year: counted
    add_cases(county["c1"], "2023-03-25", 1)  # after it: not
    figures = headline(county["root"], date(2024, 3, 20))
    ranked = build_ranking(get_level("station"), Period.parse("2024-03"))
    assert figures["this_month"].cases == sum(r.current.cases for r in ranked.rows) == 3
    assert figures["this_month"].loss_fen == 30_000
    assert figures["this_year"].cases == 3 and figures["last_month"].cases == 0
    assert figures["last_year_same"].cases == 3
    assert headline(county["town"], date(2024, 3, 20))["this_month"].cases == 3
    assert headline(county["street"], date(2024, 3, 20))["this_month"].cases == 0  # withdrawn only
    # January: 去年同期 is the days of last January alone
    assert headline(county["root"], date(2024, 1, 31))["last_year_same"].cases == 0


def test_home_page_shows_the_headline(county, client_for):
    today = timezone.localdate().isoformat()
    add_cases(county["v1"], today, 2, fraud_type=FraudType.objects.get(name="冒充公检法"))
    add_cases(county["v1"], today, 1, status="withdrawn")
    page = client_for("county_admin").get("/").content.decode()
    assert re.search(
        r'data-testid="month-cases"><a class="drill" href="[^"]*counted=1[^"]*">2</a></div>', page
    )
    [(name, tally)] = by_type(county["root"], Period(timezone.localdate().year, 1, 12))
    assert (name, tally.cases) == ("冒充公检法", 2)
    assert re.search(
        r'<td>冒充公检法</td><td class="text-end"><a class="drill" href="[^"]*">2</a></td>', page
    )
