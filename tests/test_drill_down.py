"""Drill-down: every count on the ranking, a unit's page and the home page links to the case list of
exactly the cases it counts. The test follows each link and compares the list's total with the
figure; 撤案 cases (not counted) and cases of other units and periods are there to be left out."""

import html
import re
from datetime import date, timedelta

from django.utils import timezone

from fanzha.cases.models import FraudType
from fanzha.cases.tests.builders import add_cases

DRILL = re.compile(r'<a class="drill" href="([^"]+)">([\d,]+)</a>')
TOTAL = re.compile(r"共 (\d+) [件条]")


def seed(county):
    today = timezone.localdate()
    this_month, last_year = today.replace(day=1).isoformat(), today.replace(year=today.year - 1, day=1)
    other_type = FraudType.objects.get(name="虚假网络投资理财")
    school = county["school"]
    add_cases(county["v1"], this_month, 3, station=county["s1"])
    add_cases(county["v1"], this_month, 1, station=county["s1"], status="withdrawn")
    add_cases(county["v2"], this_month, 2, station=county["s1"], fraud_type=other_type, employer=school)
    add_cases(county["c2"], this_month, 4, station=county["s2"], channel="phone", victim_group="elderly")
    add_cases(county["c1"], last_year.isoformat(), 2, station=county["s2"])
    add_cases(county["v1"], (today.replace(day=1) - timedelta(days=1)).isoformat(), 2, station=county["s1"])
    add_cases(county["v2"], date(today.year, 1, 1).isoformat(), 1, station=county["s1"])
    return today


def follow(client, page_url) -> int:
    """Follow every drill-down link on the page; → how many were followed."""
    page = client.get(page_url)
    assert page.status_code == 200, page_url
    links = DRILL.findall(page.content.decode())
    for href, shown in links:
        listed = client.get(html.unescape(href))
        assert listed.status_code == 200, href
        total = TOTAL.search(listed.content.decode())
        assert total is not None, href
        assert int(total.group(1)) == int(shown.replace(",", "")), f"{page_url}: {shown} → {href}"
    return len(links)


def test_every_count_leads_to_the_cases_it_counts(county, users, client_for):
    today = seed(county)
    client = client_for("county_admin")
    month = today.strftime("%Y-%m")
    followed = follow(client, "/")
    assert followed >= 4 + 2  # four figures and the two fraud types of the year
    for level in ("station", "town", "village", "unit"):
        assert follow(client, f"/assessment/ranking/?period={month}&level={level}") >= 2
    for unit in ("root", "s1", "s2", "town", "street", "v1", "c2", "school"):
        assert follow(client, f"/assessment/units/{county[unit].code}/?period={month}") >= 3


def test_a_drill_down_link_counts_only_what_the_figure_counts(county, users, client_for):
    today = seed(county)
    client = client_for("county_admin")
    page = client.get(f"/assessment/units/{county['v1'].code}/?period={today:%Y-%m}").content.decode()
    links = dict((shown, html.unescape(href)) for href, shown in DRILL.findall(page))
    assert "3" in links and "counted=1" in links["3"]  # v1's 4 cases this month, one withdrawn
    everything = client.get(links["3"].replace("counted=1", "counted=0")).content.decode()
    assert TOTAL.search(everything).group(1) == "4"


def test_a_station_officer_follows_links_within_the_station(county, users, client_for):
    today = seed(county)
    client = client_for("station_officer")
    assert follow(client, f"/assessment/ranking/?period={today:%Y-%m}&level=village") >= 2
    page = client.get(f"/assessment/ranking/?period={today:%Y-%m}&level=station").content.decode()
    hrefs = [html.unescape(h) for h, _ in DRILL.findall(page)]
    assert hrefs and all(f"station={county['s1'].pk}" in h for h in hrefs)  # no link to the other station


def test_coverage_visited_households_lead_to_their_first_visits(county, users, client_for):
    from fanzha.prevention.models import Household, HouseholdVisit
    from fanzha.prevention.visits import save_visit

    today = timezone.localdate()
    first = today.replace(day=1)
    homes = [Household.objects.create(village=county["v1"], address=f"{n}号") for n in range(1, 4)]
    homes.append(Household.objects.create(village=county["c2"], address="1号"))
    visits = [
        (homes[0], first, "张三"),
        (homes[0], first, "李四"),  # the same first day: still one household
        (homes[0], today, "王五"),
        (homes[1], today, "张三"),
        (homes[3], first, "张三"),
    ]
    for home, day, visitor in visits:
        save_visit(None, HouseholdVisit(household=home, visited_on=day, visitor=visitor, face_to_face=True))
    client = client_for("county_admin")
    for level, units in (("village", 4), ("town", 2)):
        assert follow(client, f"/prevention/coverage/?period={today:%Y-%m}&level={level}") == units
    page = client.get(f"/prevention/coverage/?period={today:%Y-%m}&level=village").content.decode()
    shown = {html.unescape(h): n for h, n in DRILL.findall(page)}
    v1 = next(h for h in shown if f"unit={county['v1'].pk}&" in h)
    assert shown[v1] == "2"  # three homes, two visited; four visits of the first home count once
