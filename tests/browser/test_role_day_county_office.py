"""The county office on the office PC (1366×768): from the home page to 覆盖率与目标, which leads with
the towns behind and by how much; into a town, to the village furthest behind, to the visits that
counted. Each step is written to build/role-days/county_admin/."""

from datetime import date

import pytest

from fanzha.core.periods import Period
from fanzha.orgs.models import Population
from fanzha.prevention.models import CoverageTarget, Household, HouseholdVisit
from fanzha.prevention.visits import save_visit
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLE = "county_admin"


def _visit(household, day):
    save_visit(None, HouseholdVisit(household=household, visited_on=day, visitor="张三", face_to_face=True))


def test_the_office_finds_the_village_furthest_behind_and_its_visits(desk, shoot, live_server, users, county):
    year = Period.last_complete_month().last_day.year  # the coverage page's default period
    households = {"v1": 4, "v2": 10, "c1": 5, "c2": 5}
    for key, count in households.items():
        Population.objects.update_or_create(
            org=county[key], year=year, defaults={"population": count * 3, "households": count}
        )
    CoverageTarget.objects.create(
        name="入户宣传第一轮全覆盖",
        measure="visit_coverage",
        scope=county["root"],
        level="village",
        target_pct=100,
        starts_on=date(year, 1, 1),
        deadline=date(year, 1, 31),
    )
    visited = {"v1": 3, "v2": 1, "c1": 5, "c2": 5}  # 新村 (青山镇) is 9 households short
    for key, count in visited.items():
        for n in range(count):
            home = Household.objects.create(village=county[key], address=f"{county[key].name}{n + 1}号")
            _visit(home, date(year, 1, 10 + n))

    login(desk, live_server, ROLE)
    shoot(desk, ROLE, "home")
    desk.click("nav >> text=宣防")
    desk.click("nav >> text=覆盖率与目标")
    desk.wait_for_selector("#towns-behind")
    towns = desk.locator("#towns-behind tbody tr")
    first = towns.nth(0).inner_text()
    assert "青山镇" in first and "2 / 2" in first and "差 10 户" in first  # 1 + 9 households short
    assert "河东街道" in towns.nth(1).inner_text() and "0 / 2" in towns.nth(1).inner_text()
    shoot(desk, ROLE, "coverage")

    desk.click("#towns-behind >> text=青山镇")
    desk.wait_for_selector("text=只看")
    rows = desk.locator("#coverage tbody tr")
    assert rows.count() == 2  # the town's villages only
    furthest = rows.nth(0).inner_text()
    assert "青山镇新村" in furthest and "差 9 户" in furthest and "10.0%" in furthest
    assert "青山镇东风村" in rows.nth(1).inner_text()
    assert "4 / 14 户" in desk.inner_text("main")  # the figures above are the town's, not the county's
    shoot(desk, ROLE, "town-villages")

    desk.click("#coverage >> text=青山镇新村")
    desk.wait_for_selector("text=新村1号")
    main = desk.inner_text("main")
    assert "东风村1号" not in main  # that village's visits only
    shoot(desk, ROLE, "village-visits")
