"""Scope: a clue is seen and acted on only inside its station's subtree. Another station's officer and a
grid worker get 404 on it, in the pages and the API; values are masked unless revealed, and a reveal
is written to the access log; the matches outside the reader's subtree show station and day only."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from fanzha.accounts.api_tokens import issue_token
from fanzha.accounts.roles import Role
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.clues.models import Clue, ClueState
from fanzha.clues.tests.helpers import case_with, clue
from fanzha.core import clock
from fanzha.core.periods import BEIJING

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


@pytest.fixture
def other_officer(county, users):
    user = get_user_model()(username="officer_s2", org=county["s2"], role=Role.STATION_OFFICER)
    user.set_password("x-Passw0rd-long")
    user.save()
    return user


@pytest.fixture
def s1_clue(county):
    """A clue of 城关派出所 (its case) that also matches a case of 河东派出所, older."""
    case_with(county["c1"], "2026-05-01", value="13800138000")
    mine = case_with(county["v1"], "2026-11-02", value="13800138000")
    made = clue("13800138000")
    assert made.station == county["s1"]
    return made, mine


def api(user):
    return Client(HTTP_AUTHORIZATION=f"Token {issue_token(user)}")


def web(user):
    client = Client()
    client.force_login(user)
    return client


PAGES = ["/clues/{pk}/", "/clues/{pk}/assign/"]


@pytest.mark.parametrize("who", ["other_officer", "grid_worker", "other_grid_worker", "unit_liaison"])
def test_outsiders_get_404_in_pages_and_api(s1_clue, users, other_officer, who):
    user = other_officer if who == "other_officer" else users[who]
    made, _ = s1_clue
    before = ObjectChange.objects.count()
    assert web(user).get(f"/clues/{made.pk}/").status_code == 404
    assert (
        web(user).post(f"/clues/{made.pk}/", {"action": "finding", "landed": "1", "finding": "x"}).status_code
        == 404
    )
    assert web(user).post(f"/clues/{made.pk}/assign/", {"station": made.station_id}).status_code == 404
    assert api(user).get(f"/api/clues/{made.pk}/").status_code == 404
    body = {"people": 1, "finding": "x"}
    assert (
        api(user).post(f"/api/clues/{made.pk}/strike/", body, content_type="application/json").status_code
        == 404
    )
    made.refresh_from_db()
    assert (made.state, ObjectChange.objects.count()) == (ClueState.PENDING, before)


def test_lists_hold_only_the_subtree(s1_clue, users, other_officer):
    made, _ = s1_clue
    assert "138****8000" in web(users["station_officer"]).get("/clues/").content.decode()
    assert "138****8000" not in web(other_officer).get("/clues/").content.decode()
    assert api(other_officer).get("/api/clues/").json()["count"] == 0
    assert api(users["station_officer"]).get("/api/clues/").json()["count"] == 1
    assert api(users["station_officer"]).get("/api/clues/?state=pending").json()["count"] == 1
    assert api(users["station_officer"]).get("/api/clues/?state=struck").json()["count"] == 0
    assert api(users["station_officer"]).get("/api/clues/?state=x").status_code == 400
    assert api(users["grid_worker"]).get("/api/clues/").status_code == 403
    assert web(users["grid_worker"]).get("/clues/").status_code == 403
    assert web(users["station_officer"]).get("/clues/queue/").status_code == 403


def test_the_county_filters_by_station(s1_clue, county, users):
    admin = web(users["county_admin"])
    assert "138****8000" in admin.get(f"/clues/?station={county['s1'].pk}").content.decode()
    assert "138****8000" not in admin.get(f"/clues/?station={county['s2'].pk}").content.decode()
    assert 'id="station-filter"' not in web(users["station_officer"]).get("/clues/").content.decode()


def test_detail_masks_and_logs_a_reveal_and_hides_foreign_matches(s1_clue, users):
    made, mine = s1_clue
    officer = web(users["station_officer"])
    page = officer.get(f"/clues/{made.pk}/").content.decode()
    assert "13800138000" not in page and "138****8000" in page
    assert mine.case_number in page and f"/cases/{mine.pk}/" in page
    assert "辖区外记录：河东派出所" in page and "2026-05-01" in page
    assert AccessLog.objects.count() == 0
    clear = officer.get(f"/clues/{made.pk}/?clear=1").content.decode()
    assert "13800138000" in clear
    log = AccessLog.objects.get()
    assert (log.username, log.model, log.object_id) == ("station_officer", "clues.clue", str(made.pk))
    # the county sees both cases by number
    county_page = web(users["county_admin"]).get(f"/clues/{made.pk}/").content.decode()
    assert "辖区外记录" not in county_page


def test_api_masks_by_default_and_logs_a_clear_read(s1_clue, users):
    made, _ = s1_clue
    officer = api(users["station_officer"])
    assert officer.get(f"/api/clues/{made.pk}/").json()["value"] == "138****8000"
    assert officer.get(f"/api/clues/{made.pk}/?clear=1").json()["value"] == "13800138000"
    assert AccessLog.objects.get().detail == f"API 明文读取：线索 {made.pk}"


def test_actions_through_the_page_are_audited(s1_clue, users):
    made, _ = s1_clue
    officer = web(users["station_officer"])
    response = officer.post(f"/clues/{made.pk}/", {"action": "finding", "landed": "1", "finding": "查明机主"})
    assert response.status_code == 302
    response = officer.post(
        f"/clues/{made.pk}/", {"action": "strike", "people": "2", "handled_people": "王某\n李某"}
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.state, made.people_handled) == (ClueState.STRUCK, 2)
    states = [c.after["state"] for c in ObjectChange.objects.filter(model="clues.clue").order_by("id")]
    assert states == ["pending", "verified", "struck"]
    assert "已打处" in officer.get(f"/clues/{made.pk}/").content.decode()


def test_a_refused_action_says_why_and_changes_nothing(s1_clue, users):
    made, _ = s1_clue
    response = web(users["station_officer"]).post(
        f"/clues/{made.pk}/", {"action": "strike", "people": "1"}, follow=True
    )
    assert response.status_code == 200
    assert "请填写核查结果" in response.content.decode()
    made.refresh_from_db()
    assert made.state == ClueState.PENDING


def test_county_queue_assign_and_manual_entry(county, users):
    admin = web(users["county_admin"])
    response = admin.post(
        "/clues/new/",
        {
            "kind": "url",
            "value": "HTTP://Pay.Fake.example/",
            "source": "部刑侦局",
            "received_on": "2026-12-01",
        },
    )
    made = Clue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/clues/{made.pk}/"
    assert (made.value, made.station, made.deadline.isoformat()) == (
        "http://pay.fake.example",
        None,
        "2026-12-04",
    )
    assert "pay.fake.example" in admin.get("/clues/queue/").content.decode()
    response = admin.post(f"/clues/{made.pk}/assign/", {"station": county["s2"].pk, "back": "queue"})
    assert (response.status_code, response["Location"]) == (302, "/clues/queue/")
    made.refresh_from_db()
    assert (made.station, made.state) == (county["s2"], ClueState.PENDING)
    bad = admin.post(
        "/clues/new/", {"kind": "qq", "value": "abc", "source": "部", "received_on": "2026-12-01"}
    )
    assert bad.status_code == 200 and "QQ号应为数字" in bad.content.decode()


def test_api_receive_and_act(county, users):
    case_with(county["v1"], "2026-11-02", kind="account", value="6222020012345678")
    admin = api(users["county_admin"])
    body = {
        "kind": "bank_card",
        "value": "6222 0200 1234 5678",
        "source": "省厅",
        "received_on": "2026-12-01",
    }
    response = admin.post("/api/clues/", body, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert (data["station"], data["value"], data["state"]) == (
        county["s1"].code,
        "6222********5678",
        "pending",
    )
    officer = api(users["station_officer"])
    response = officer.post(
        f"/api/clues/{data['id']}/finding/",
        {"landed": True, "finding": "查明"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["state"]) == (200, "verified")
    refused = officer.post("/api/clues/", body, content_type="application/json")
    assert refused.status_code == 403


def test_figures_page_and_export(s1_clue, users):
    made, _ = s1_clue
    officer = web(users["station_officer"])
    officer.post(f"/clues/{made.pk}/", {"action": "strike", "people": "3", "finding": "抓获"})
    page = officer.get("/clues/figures/?period=2026-12").content.decode()
    assert "城关派出所" in page and "打击处理人数" in page
    export = officer.get("/clues/figures/?period=2026-12&format=csv")
    assert export.status_code == 200
    assert "2026-12,城关派出所,1,1,100.0,1,100.0,0,0,3" in b"".join(export.streaming_content).decode(
        "utf-8-sig"
    )


def test_the_case_page_panel(s1_clue, county, users, other_officer):
    made, mine = s1_clue
    officer = web(users["station_officer"])
    assert f'hx-get="/clues/case/{mine.pk}/"' in officer.get(f"/cases/{mine.pk}/").content.decode()
    panel = officer.get(f"/clues/case/{mine.pk}/").content.decode()
    assert f"/clues/{made.pk}/" in panel and "138****8000" in panel
    # the other station sees, on its own case, that a clue exists and where, not which
    theirs = case_with(county["c1"], "2026-12-01", value="13800138000")
    other = web(other_officer).get(f"/clues/case/{theirs.pk}/").content.decode()
    assert "辖区外线索：城关派出所 · 2026-12-01" in other and f"/clues/{made.pk}/" not in other
    assert web(other_officer).get(f"/clues/case/{mine.pk}/").status_code == 404
    assert web(users["other_grid_worker"]).get(f"/clues/case/{mine.pk}/").status_code == 404
    # the village's grid worker sees the case, but no clue (they hold no clue permission)
    village = web(users["grid_worker"]).get(f"/clues/case/{mine.pk}/")
    assert (village.status_code, village.content.decode().strip()) == (200, "")
