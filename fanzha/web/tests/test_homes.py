"""Each role's home page leads with its own work, and the menu offers only what the role can use."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fanzha.prevention.models import Duty


@pytest.fixture
def duties(county):
    today = timezone.localdate()
    school = county["school"]
    return {
        "late": Duty.objects.create(
            org=school, title="明确一名反诈联络员", year=today.year, deadline=today - timedelta(days=5)
        ),
        "open": Duty.objects.create(
            org=school, title="各班每月一次主题班会", year=today.year, deadline=today + timedelta(days=5)
        ),
        "other": Duty.objects.create(
            org=county["v1"], title="别人的任务", year=today.year, deadline=today - timedelta(days=5)
        ),
    }


def test_the_liaison_sees_their_units_duties_overdue_first_not_case_charts(client_for, duties):
    page = client_for("unit_liaison").get("/")
    html = page.content.decode()
    assert [d.title for d in page.context["duties"]["overdue"]] == ["明确一名反诈联络员"]
    assert [d.title for d in page.context["duties"]["open"]] == ["各班每月一次主题班会"]
    assert "逾期 5 天" in html and "别人的任务" not in html
    assert "chart-trend" not in html and "发案数" not in html


def test_the_station_officer_and_grid_worker_get_their_own_homes(client_for, county):
    officer = client_for("station_officer").get("/")
    assert officer.templates[0].name == "web/home_station.html"
    assert (
        'id="orders-to-do"' in officer.content.decode() and 'id="followups-due"' in officer.content.decode()
    )
    worker = client_for("grid_worker").get("/")
    assert worker.templates[0].name == "web/home_grid.html"
    assert 'id="orders-to-do"' in worker.content.decode() and "chart-trend" not in worker.content.decode()
    office = client_for("county_admin").get("/")
    assert office.templates[0].name == "web/home.html" and "chart-trend" in office.content.decode()


@pytest.mark.parametrize(
    ("username", "shown"),
    [("county_admin", True), ("station_officer", True), ("grid_worker", False), ("unit_liaison", False)],
)
def test_api_docs_are_in_the_menu_only_for_those_who_script(client_for, username, shown):
    html = client_for(username).get("/").content.decode()
    assert (f'href="{reverse("api-docs")}"' in html) is shown


def test_the_county_office_home_shows_the_next_consultation_day(client_for, county):
    from fanzha.core import clock
    from fanzha.core.periods import BEIJING

    with clock.frozen(datetime(2026, 12, 15, 9, 0, tzinfo=BEIJING)):
        html = client_for("county_admin").get("/").content.decode()
    # 2026-12-20 is a Sunday: the monthly 研判会商 moves to Monday the 21st
    assert 'id="next-meeting"' in html and "2026年12月21日（星期一）" in html and "顺延" in html
    assert 'id="next-meeting"' not in client_for("unit_liaison").get("/").content.decode()
