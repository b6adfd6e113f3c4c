"""`fanzha coverage`: households visited of all households, App registrations of the population, and
each target and quota with `met`, for any period and level."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from fanzha.core.periods import Period
from fanzha.orgs.models import Population
from fanzha.parameters import config
from fanzha.prevention.coverage import coverage
from fanzha.prevention.models import (
    Activity,
    ActivityKind,
    CoverageTarget,
    Household,
    HouseholdVisit,
    PublicityTeam,
    Registration,
)
from fanzha.prevention.visits import save_visit


def visit(household, day, user=None, visitor="张三"):
    return save_visit(
        user, HouseholdVisit(household=household, visited_on=day, visitor=visitor, face_to_face=True)
    )


@pytest.fixture
def ledger(county):
    v1 = county["v1"]
    Population.objects.filter(org=v1).update(households=4, population=10000)
    homes = [Household.objects.create(village=v1, address=f"{n}号") for n in range(1, 5)]
    visit(homes[0], date(2024, 1, 10))
    visit(homes[0], date(2024, 2, 10), visitor="李四")  # a second visit: still one household
    visit(homes[1], date(2024, 3, 30))
    visit(homes[2], date(2024, 4, 2))
    visit(homes[3], date(2023, 12, 30))  # last year: not this year's coverage
    Registration.objects.create(org=v1, as_of=date(2024, 5, 31), count=7000)
    Registration.objects.create(org=v1, as_of=date(2024, 6, 30), count=8000)
    Registration.objects.create(org=v1, as_of=date(2024, 7, 31), count=9999)
    CoverageTarget.objects.create(
        name="入户宣传第一轮",
        measure="visit_coverage",
        scope=county["root"],
        level="village",
        target_pct=100,
        starts_on=date(2024, 1, 1),
        deadline=date(2024, 3, 31),
    )
    CoverageTarget.objects.create(
        name="App注册率80%",
        measure="app_rate",
        scope=county["root"],
        level="village",
        target_pct=80,
        starts_on=date(2024, 1, 1),
        deadline=date(2024, 6, 30),
    )
    CoverageTarget.objects.create(
        name="App注册率100%",
        measure="app_rate",
        scope=county["root"],
        level="village",
        target_pct=100,
        starts_on=date(2024, 1, 1),
        deadline=date(2024, 7, 31),
    )
    return county


def _row(rows, code):
    return next(r for r in rows if r["code"] == code)


def test_village_coverage_for_june(ledger):
    row = _row(coverage(Period.parse("2024-06"), "village", config.current()), ledger["v1"].code)
    assert (row["households"], row["households_visited"], row["visit_coverage_pct"]) == (4, 3, "75.0")
    assert (row["population"], row["app_registered"], row["app_rate_pct"]) == (10000, 8000, "80.0")
    targets = {t["name"]: (t["met"], t["actual_pct"]) for t in row["targets"]}
    assert targets["入户宣传第一轮"] == (False, "50.0")  # two households by 3/31
    assert targets["App注册率80%"] == (True, "80.0")
    assert targets["App注册率100%"] == (None, "80.0")  # still running


def test_the_second_registration_deadline_is_missed_at_9999(ledger):
    row = _row(coverage(Period.parse("2024-08"), "village", config.current()), ledger["v1"].code)
    assert {t["name"]: t["met"] for t in row["targets"]}["App注册率100%"] is False


def test_the_figure_beside_a_verdict_agrees_with_it(ledger, client_for):
    """9,999 of 10,000 rounds to 100.0 %: beside 未达成 the page shows 99.99 % and the comparison."""
    row = _row(coverage(Period.parse("2024-08"), "village", config.current()), ledger["v1"].code)
    target = {t["name"]: t for t in row["targets"]}["App注册率100%"]
    assert (target["met"], target["actual_pct"], target["state"]) == (False, "99.99", "未达成")
    assert row["app_rate_pct"] == "99.99"  # the column beside it does not round up to complete either
    page = client_for("county_admin").get("/prevention/coverage/?period=2024-08&level=village")
    assert page.status_code == 200
    html = page.content.decode()
    # the figure of the day it is judged on (the deadline, 7/31), not the period's end, and the shortfall
    assert "App注册率100%：7月31日 99.99% ＜ 100%，" in html and "差 1 人" in html


def test_the_page_leads_with_who_is_behind_and_by_how_much(ledger, client_for):
    """In June 东风村 has visited 3 of its 4 households (入户 100 % by 3/31: judged on 3/31, 2 of 4) and
    registered 8,000 of 10,000 by 6/30 (App 80 %: met)."""
    row = _row(coverage(Period.parse("2024-06"), "village", config.current()), ledger["v1"].code)
    visits = {t["name"]: t for t in row["targets"]}["入户宣传第一轮"]
    assert (visits["judged_on"], visits["actual"], visits["short"], visits["unit"]) == (
        "2024-03-31",
        2,
        2,
        "户",
    )
    page = client_for("county_admin").get("/prevention/coverage/?period=2024-06&level=village")
    towns = page.context["towns"]
    assert [t["behind"] for t in towns] == sorted((t["behind"] for t in towns), reverse=True)
    town = next(t for t in towns if t["name"] == "青山镇")
    # 东风村's 2 households plus 新村's 500 (nothing visited), summed for the town
    assert (
        town["behind"] == 2 and {"name": "入户宣传第一轮", "short": 502, "unit": "户"} in town["shortfalls"]
    )
    assert page.context["rows"][0]["behind"]  # a village behind comes first
    town_page = client_for("county_admin").get(
        f"/prevention/coverage/?period=2024-06&level=village&town={ledger['town'].pk}"
    )
    assert {r["code"] for r in town_page.context["rows"]} <= {ledger["v1"].code, ledger["v2"].code}
    assert town_page.context["towns"] is None


def test_coverage_of_a_past_month_reads_the_figures_then(ledger):
    row = _row(coverage(Period.parse("2024-02"), "village", config.current()), ledger["v1"].code)
    assert (row["households_visited"], row["app_registered"]) == (1, 0)


def test_town_and_station_add_up_their_villages(ledger):
    town = _row(coverage(Period.parse("2024-06"), "town", config.current()), ledger["town"].code)
    # 东风村 4 households (own figure) + 新村 500 from the population table
    assert (town["households"], town["households_visited"], town["app_registered"]) == (504, 3, 8000)
    station = _row(coverage(Period.parse("2024-06"), "station", config.current()), ledger["s1"].code)
    assert station["households_visited"] == 3 and station["quotas"][0]["met"] is False


def test_quotas_sessions_banners_and_school(ledger):
    v1, school = ledger["v1"], ledger["school"]
    session, banner, lesson = (
        ActivityKind.objects.get(name=n) for n in ("进村居", "横幅/海报/展板", "主题班会")
    )
    Activity.objects.create(kind=session, org=v1, held_on=date(2024, 6, 3))
    Activity.objects.create(kind=banner, org=v1, held_on=date(2024, 2, 3), quantity=3)
    Activity.objects.create(kind=lesson, org=school, held_on=date(2024, 3, 3))
    quotas = _row(coverage(Period.parse("2024-06"), "village", config.current()), v1.code)["quotas"]
    assert [(q["actual"], q["met"]) for q in quotas] == [(1, True), (3, False)]
    Activity.objects.create(kind=banner, org=v1, held_on=date(2024, 5, 3), quantity=1)
    quotas = _row(coverage(Period.parse("2024-06"), "village", config.current()), v1.code)["quotas"]
    assert quotas[1]["met"] is True
    school_row = _row(coverage(Period.parse("2024-06"), "unit", config.current()), school.code)
    assert school_row["quotas"][0]["met"] is False
    PublicityTeam.objects.create(org=ledger["s1"], name="城关所宣传队", members=10)
    station = _row(coverage(Period.parse("2024-06"), "station", config.current()), ledger["s1"].code)
    assert station["quotas"][0]["met"] is True


def test_command_json(ledger):
    out = StringIO()
    call_command("coverage", period="2024-06", level="village", format="json", stdout=out)
    rows = json.loads(out.getvalue())
    row = _row(rows, ledger["v1"].code)
    for key in (
        "code",
        "name",
        "households",
        "households_visited",
        "visit_coverage_pct",
        "population",
        "app_registered",
        "app_rate_pct",
        "targets",
    ):
        assert key in row
    assert all("met" in t for t in row["targets"])


def test_editing_a_visit_date_moves_the_first_visit(ledger, users):
    home = Household.objects.get(address="2号")
    first = home.visits.get()
    first.visited_on = date(2024, 5, 1)
    save_visit(users["grid_worker"], first)
    row = _row(coverage(Period.parse("2024-04"), "village", config.current()), ledger["v1"].code)
    assert row["households_visited"] == 2


def test_a_village_without_a_households_figure_counts_its_ledger(ledger):
    v1 = ledger["v1"]
    Population.objects.filter(org=v1).update(households=None)
    Household.objects.create(village=v1, address="5号")
    row = _row(coverage(Period.parse("2024-06"), "village", config.current()), v1.code)
    assert (row["households"], row["households_visited"], row["visit_coverage_pct"]) == (5, 3, "60.0")
    Population.objects.filter(org=v1).update(households=4)  # the 户数 figure wins once it is there
    row = _row(coverage(Period.parse("2024-06"), "village", config.current()), v1.code)
    assert row["households"] == 4
