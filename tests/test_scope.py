"""Each role sees and changes only what lies in its org subtree; anything else is a 404."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from fanzha.accounts.api_tokens import issue_token
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.cases.models import Case, FraudType

BJ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def cases(county):
    fraud = FraudType.objects.get(name="刷单返利")
    made = {}
    for key in ("v1", "v2", "c1", "c2"):
        place = county[key]
        made[key] = Case.objects.create(
            case_number=f"N-{key}",
            reported_at=dt.datetime(2024, 3, 5, 10, tzinfo=BJ),
            place=place,
            station=place.station,
            town=place.parent,
            fraud_type=fraud,
            loss_fen=100000,
            victim_name="李四",
            victim_id_number="11010519491231002X",
            victim_phone="13800138000",
        )
    # a case in 滨江社区 whose victim works at the school: visible to the school's liaison
    made["staff"] = Case.objects.create(
        case_number="N-staff",
        reported_at=dt.datetime(2024, 3, 6, 10, tzinfo=BJ),
        place=county["c1"],
        station=county["s2"],
        town=county["street"],
        fraud_type=fraud,
        employer=county["school"],
        employer_relation="staff",
    )
    return made


VISIBLE = {
    "county_admin": {"v1", "v2", "c1", "c2", "staff"},
    "station_officer": {"v1", "v2"},
    "town_staff": {"v1", "v2"},
    "grid_worker": {"v1"},
    "other_grid_worker": {"c1", "staff"},
    "unit_liaison": {"staff"},
}


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_ui_list_and_detail_per_role(username, cases, client_for):
    client = client_for(username)
    listed = client.get(reverse("cases:list"))
    assert listed.status_code == 200
    shown = {key for key, case in cases.items() if case.case_number in listed.content.decode()}
    assert shown == VISIBLE[username]
    for key, case in cases.items():
        status = client.get(reverse("cases:detail", args=[case.pk])).status_code
        assert status == (200 if key in VISIBLE[username] else 404), (username, key)


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_api_list_and_detail_per_role(username, cases, users):
    client = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users[username])}")
    listed = client.get("/api/cases/?page_size=100").json()
    assert {r["case_number"].removeprefix("N-") for r in listed["results"]} == VISIBLE[username]
    for key, case in cases.items():
        status = client.get(f"/api/cases/{case.pk}/").status_code
        assert status == (200 if key in VISIBLE[username] else 404), (username, key)


def test_village_user_cannot_change_another_villages_case(cases, users, client_for):
    other = cases["c1"]
    client = client_for("grid_worker")
    assert client.get(reverse("cases:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("cases:edit", args=[other.pk]), {"case_number": "hacked"}).status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['grid_worker'])}")
    response = api.patch(f"/api/cases/{other.pk}/", {"narrative": "hacked"}, content_type="application/json")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.case_number == "N-c1" and other.narrative == ""


def test_village_user_cannot_move_a_case_out_of_or_create_one_outside_the_subtree(cases, users, county):
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['grid_worker'])}")
    own = cases["v1"]
    moved = api.patch(f"/api/cases/{own.pk}/", {"place": county["c1"].code}, content_type="application/json")
    assert moved.status_code == 400 and "管辖范围" in moved.content.decode()
    payload = {
        "case_number": "NEW1",
        "reported_at": "2024-03-05T10:00:00+08:00",
        "place": county["c1"].code,
        "fraud_type": "刷单返利",
        "loss_yuan": "100",
    }
    assert api.post("/api/cases/", payload, content_type="application/json").status_code == 400
    payload["place"] = county["v1"].code
    created = api.post("/api/cases/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["station"] == county["s1"].code  # derived
    assert ObjectChange.objects.filter(action="create", object_repr="NEW1").exists()


def test_liaison_cannot_write(cases, users):
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['unit_liaison'])}")
    response = api.patch(
        f"/api/cases/{cases['staff'].pk}/", {"narrative": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_personal_data_is_masked_and_unmasking_is_permitted_and_audited(cases, client_for, users):
    case = cases["v1"]
    officer = client_for("station_officer")
    page = officer.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "11010519491231002X" not in page and "110***********002X" in page
    assert "138****8000" in page and "13800138000" not in page
    assert not AccessLog.objects.exists()
    revealed = officer.get(reverse("cases:detail", args=[case.pk]) + "?reveal=1").content.decode()
    assert "11010519491231002X" in revealed
    log = AccessLog.objects.get()
    assert (log.username, log.action, log.object_id) == ("station_officer", "view", str(case.pk))

    # a grid worker lacks the permission: ?reveal=1 shows masked data and logs nothing
    worker = client_for("grid_worker")
    assert (
        "11010519491231002X"
        not in worker.get(reverse("cases:detail", args=[case.pk]) + "?reveal=1").content.decode()
    )
    assert AccessLog.objects.count() == 1

    listing = officer.get(reverse("cases:list")).content.decode()
    assert "11010519491231002X" not in listing and "13800138000" not in listing

    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['station_officer'])}")
    assert api.get(f"/api/cases/{case.pk}/").json()["victim_id_number"] == "110***********002X"
    assert api.get(f"/api/cases/{case.pk}/?clear=1").json()["victim_id_number"] == "11010519491231002X"
    assert AccessLog.objects.filter(action="api").count() == 1


def test_exports_are_masked_by_default_and_always_audited(cases, client_for):
    officer = client_for("station_officer")
    masked = b"".join(officer.get(reverse("cases:export") + "?format=csv").streaming_content).decode(
        "utf-8-sig"
    )
    assert "N-v1" in masked and "N-c1" not in masked
    assert "11010519491231002X" not in masked and "110***********002X" in masked
    clear = b"".join(officer.get(reverse("cases:export") + "?format=csv&clear=1").streaming_content).decode(
        "utf-8-sig"
    )
    assert "11010519491231002X" in clear
    assert list(AccessLog.objects.order_by("at").values_list("action", flat=True)) == ["export", "export"]
    xlsx = officer.get(reverse("cases:export"))
    assert xlsx["Content-Disposition"].startswith("attachment") and xlsx.status_code == 200


# the villages each user's subtree holds (a member unit's liaison: none; a station: those it covers)
SEES_VILLAGE = {
    "county_admin": {"v1", "c1"},
    "station_officer": {"v1"},
    "town_staff": {"v1"},
    "grid_worker": {"v1"},
    "other_grid_worker": {"c1"},
    "unit_liaison": set(),
}


def test_every_list_and_detail_page_answers_each_role(cases, county, client_for):
    pages = ["home", "cases:list", "orgs:list", "imports:upload", "audit:changes", "audit:access"]
    expected_forbidden = {
        # towns, grid workers and units import their outreach ledgers (visits, activities), not cases
        "town_staff": {"audit:changes", "audit:access"},
        "grid_worker": {"audit:changes", "audit:access"},
        "other_grid_worker": {"audit:changes", "audit:access"},
        "unit_liaison": {"audit:changes", "audit:access"},
        "station_officer": {"audit:changes", "audit:access"},
        "county_admin": set(),
    }
    for username, forbidden in expected_forbidden.items():
        client = client_for(username)
        for name in pages:
            status = client.get(reverse(name)).status_code
            assert status == (403 if name in forbidden else 200), (username, name, status)
        for key in ("v1", "c1"):
            unit = county[key]
            visible = client.get(reverse("orgs:detail", args=[unit.pk])).status_code
            assert visible == (200 if key in SEES_VILLAGE[username] else 404), (username, key, visible)


def test_org_detail_out_of_scope_is_404(county, client_for):
    worker = client_for("grid_worker")
    assert worker.get(reverse("orgs:detail", args=[county["v1"].pk])).status_code == 200
    assert worker.get(reverse("orgs:detail", args=[county["c1"].pk])).status_code == 404
    assert Client().get(reverse("cases:list")).status_code == 302  # anonymous → login
