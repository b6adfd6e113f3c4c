"""The meeting pages and API as the county office uses them, on a moved clock; a meeting outside the
reader's subtree is a 404 in the pages and the API; the CLI answers the next 研判会商."""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from fanzha.accounts.api_tokens import issue_token
from fanzha.accounts.roles import Role
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings.models import Decision, HolidayOverride, Meeting
from fanzha.meetings.tests.helpers import case_at, meeting
from fanzha.prevention.models import Duty

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


def web(user):
    client = Client()
    client.force_login(user)
    return client


def api(user):
    return Client(HTTP_AUTHORIZATION=f"Token {issue_token(user)}")


@pytest.fixture
def street_office(county):
    """A 县反诈中心管理员 role placed at 河东街道: the meetings permissions, a smaller subtree."""
    user = get_user_model()(username="street_office", org=county["street"], role=Role.COUNTY_ADMIN)
    user.set_password("x-Passw0rd-long")
    user.save()
    return user


def test_new_consultation_is_prefilled_with_the_rules_date(users):
    page = web(users["county_admin"]).get("/meetings/new/?kind=consultation").content.decode()
    assert 'value="2026-12-21"' in page  # Sunday the 20th → Monday the 21st
    assert 'value="2026-11"' in page and "2026年12月研判会商" in page
    assert "下次研判会商：<strong>2026年12月21日（星期一）</strong>，因周末或节假日顺延" in page


def test_register_hold_decide_and_download_through_the_pages(county, users):
    client = web(users["county_admin"])
    case_at(county["v1"], "2026-11-05")
    answer = client.post(
        "/meetings/new/",
        {
            "kind": "consultation",
            "held_on": "2026-12-21",
            "title": "2026年12月研判会商",
            "figures_month": "2026-11",
            "attendee_units": [county["s1"].pk, county["school"].pk],
            "attendee_people": "城关派出所 李明 所长",
            "minutes": "",
        },
    )
    made = Meeting.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/meetings/{made.pk}/"
    page = client.get(f"/meetings/{made.pk}/").content.decode()
    assert "按当前台账生成的预览" in page and "县第一中学、城关派出所" in page
    answer = client.post(f"/meetings/{made.pk}/hold/", follow=True)
    assert "会议日期（2026-12-21）未到，不能确认召开" in answer.content.decode()
    clock.advance(timedelta(days=14))  # the day of the meeting
    assert client.post(f"/meetings/{made.pk}/hold/").status_code == 302
    made.refresh_from_db()
    assert made.figures["cases"] == 1
    answer = client.post(
        f"/meetings/{made.pk}/decide/",
        {"text": "开展校园反诈宣传", "org": county["school"].pk, "deadline": "2026-12-31"},
    )
    assert answer.status_code == 302
    assert Duty.objects.get().title == "开展校园反诈宣传"
    page = client.get(f"/meetings/{made.pk}/").content.decode()
    assert "开展校园反诈宣传" in page and "待落实" in page and "已逾期" not in page
    with clock.frozen(datetime(2027, 1, 4, 9, 0, tzinfo=BEIJING)):
        page = client.get(f"/meetings/{made.pk}/").content.decode()
        assert "已逾期" in page
        listing = client.get("/meetings/").content.decode()
        assert 'text-danger fw-bold">1</td>' in listing
        out = StringIO()
        call_command("meetings", "overdue", "--format", "json", stdout=out)
        assert [(r["text"], r["days_overdue"]) for r in json.loads(out.getvalue())] == [
            ("开展校园反诈宣传", 4)
        ]
    answer = client.get(f"/meetings/{made.pk}/minutes.docx")
    assert answer["Content-Type"].endswith("wordprocessingml.document")
    assert b"".join(answer.streaming_content)[:2] == b"PK"


def test_a_bad_decision_is_answered_in_chinese(county, users):
    client = web(users["county_admin"])
    made = meeting(users["county_admin"])
    answer = client.post(
        f"/meetings/{made.pk}/decide/", {"text": "宣传", "org": county["school"].pk, "deadline": "2026-12-01"}
    )
    assert answer.status_code == 400 and "完成时限不能早于会议日期" in answer.content.decode()
    assert not Decision.objects.exists()


def test_calendar_page_and_correction(users):
    client = web(users["county_admin"])
    page = client.get("/meetings/calendar/?year=2026").content.decode()
    assert "取自节假日库（chinesecalendar" in page
    assert 'title="2026-02-20 休息 春节"' in page
    page = client.get("/meetings/calendar/?year=2027").content.decode()
    assert "节假日库只收录到2026年：2027年暂按“周一至周五为工作日”计算" in page
    answer = client.post("/meetings/calendar/correct/", {"day": "2027-01-20", "kind": "holiday", "note": ""})
    assert answer.status_code == 400 and "该字段是必填项" in answer.content.decode()
    answer = client.post(
        "/meetings/calendar/correct/", {"day": "2027-01-20", "kind": "holiday", "note": "本县停电"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/meetings/calendar/?year=2027"
    assert HolidayOverride.objects.get().changed_by == users["county_admin"]
    page = client.get("/meetings/calendar/?year=2027").content.decode()
    assert "（已更正：本县停电）" in page and "本县停电</td>" in page
    assert web(users["county_admin"]).get("/meetings/calendar/?year=abc").status_code == 200


@pytest.mark.parametrize("who", ["station_officer", "town_staff", "grid_worker", "unit_liaison"])
def test_roles_without_the_permission_get_403(users, who):
    made = meeting(users["county_admin"])
    client = web(users[who])
    assert client.get("/meetings/").status_code == 403
    assert client.get(f"/meetings/{made.pk}/").status_code == 403
    assert api(users[who]).get("/api/meetings/").status_code == 403
    assert api(users[who]).get(f"/api/meetings/{made.pk}/").status_code == 404


def test_a_meeting_outside_the_subtree_is_a_404(county, users, street_office):
    made = meeting(users["county_admin"])
    client = web(street_office)
    for path in ("", "edit/", "minutes.docx"):
        assert client.get(f"/meetings/{made.pk}/{path}").status_code == 404, path
    for path in ("hold/", "decide/"):
        assert client.post(f"/meetings/{made.pk}/{path}").status_code == 404, path
    assert api(street_office).get(f"/api/meetings/{made.pk}/").status_code == 404
    assert api(street_office).post(f"/api/meetings/{made.pk}/hold/").status_code == 404
    assert api(street_office).get("/api/meetings/").json()["results"] == []
    own = meeting(street_office)
    assert client.get(f"/meetings/{own.pk}/").status_code == 200
    assert [m["id"] for m in api(street_office).get("/api/meetings/").json()["results"]] == [own.pk]


def test_api_register_decide_and_next(county, users):
    client = api(users["county_admin"])
    answer = client.post(
        "/api/meetings/",
        {
            "kind": "joint",
            "held_on": "2026-12-03",
            "title": "联席会议",
            "figures_month": "2026-11",
            "attendee_units": ["361123X001"],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    pk = answer.json()["id"]
    assert answer.json()["attendee_units"] == ["361123X001"]
    answer = client.post(
        f"/api/meetings/{pk}/decide/",
        {"text": "落实校园宣传", "org": "361123X001", "deadline": "2026-12-31"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["decisions"][0] | {"id": 0, "duty_id": 0} == {
        "id": 0,
        "text": "落实校园宣传",
        "org": "361123X001",
        "org_name": "县第一中学",
        "deadline": "2026-12-31",
        "duty_id": 0,
        "duty_status": "open",
        "duty_status_label": "待落实",
    }
    answer = client.post(f"/api/meetings/{pk}/hold/")
    assert answer.json()["state"] == "held" and answer.json()["figures"]["month"] == "2026-11"
    assert client.post(f"/api/meetings/{pk}/hold/").json() == {"detail": "会议已确认召开"}
    assert client.get("/api/meetings/next/").json() == {
        "date": "2026-12-21",
        "moved": True,
        "calendar_known": True,
    }
    assert client.get("/api/meetings/?kind=other").status_code == 400


def test_cli_next(users):
    out = StringIO()
    call_command("meetings", "next", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "date": "2026-12-21",
        "weekday": "星期一",
        "moved": True,
        "calendar_known": True,
    }
    out = StringIO()
    call_command("meetings", "next", "--on", "2026-12-22", stdout=out)
    assert out.getvalue().startswith("下次研判会商：2027-01-20（星期三）\n注意：节假日库没有2027年的放假安排")
    assert date(2027, 1, 20).weekday() == 2
