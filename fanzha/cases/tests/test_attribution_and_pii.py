"""Personal data never reaches the page of a user who may not see it (the edit form included), and a
write may only attribute a case to a station or member unit the user answers for (cases.attribution)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from fanzha.accounts.api_tokens import issue_token
from fanzha.audit.models import AccessLog
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case, FraudType, SuspectIdentifier
from fanzha.imports.runner import run_import

from .ledgers import HEADER, row, write_csv

BJ = ZoneInfo("Asia/Shanghai")
ID_NUMBER, PHONE, ACCOUNT = "11010519491231002X", "13800138000", "6222000011112222"


@pytest.fixture
def case(county):
    made = Case.objects.create(
        case_number="P-1",
        reported_at=dt.datetime(2024, 3, 5, 10, tzinfo=BJ),
        place=county["v1"],
        station=county["s1"],
        town=county["town"],
        fraud_type=FraudType.objects.get(name="刷单返利"),
        victim_name="李四",
        victim_id_number=ID_NUMBER,
        victim_phone=PHONE,
    )
    SuspectIdentifier.objects.create(case=made, kind="account", value=ACCOUNT)
    SuspectIdentifier.objects.create(case=made, kind="phone", value="13900000000")
    return made


def _api(users, username):
    return Client(HTTP_AUTHORIZATION=f"Token {issue_token(users[username])}")


def _form(county, **changes):
    data = {
        "case_number": "P-1",
        "reported_at": "2024-03-05T10:00",
        "place": county["v1"].pk,
        "fraud_type": FraudType.objects.get(name="刷单返利").pk,
        "status": "accepted",
        "prior_outreach": "unknown",
        "victim_name": "李四",
        "identifiers_phone": "13900000000",
    }
    return {**data, **changes}


@pytest.mark.parametrize("username", ["town_staff", "grid_worker"])
def test_the_edit_form_shows_personal_data_masked_to_roles_without_the_permission(username, case, client_for):
    page = client_for(username).get(reverse("cases:edit", args=[case.pk])).content.decode()
    for clear in (ID_NUMBER, PHONE, ACCOUNT):
        assert clear not in page
    assert "110***********002X" in page and "138****8000" in page and "6222********2222" in page
    assert 'name="victim_id_number"' not in page and 'name="identifiers_account"' not in page
    assert not AccessLog.objects.exists()


def test_saving_the_form_without_the_permission_keeps_the_personal_data(case, county, client_for):
    client = client_for("town_staff")
    posted = _form(county, narrative="补充案情", victim_id_number="", victim_phone="", identifiers_account="")
    response = client.post(reverse("cases:edit", args=[case.pk]), posted)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.narrative == "补充案情"
    assert (case.victim_id_number, case.victim_phone) == (ID_NUMBER, PHONE)
    assert set(case.identifiers.values_list("kind", "value")) == {
        ("account", ACCOUNT),
        ("phone", "13900000000"),
    }


def test_opening_the_edit_form_with_the_permission_is_logged(case, client_for):
    page = client_for("station_officer").get(reverse("cases:edit", args=[case.pk])).content.decode()
    assert ID_NUMBER in page and ACCOUNT in page
    log = AccessLog.objects.get()
    assert (log.user.username, log.object_id) == ("station_officer", str(case.pk))


def test_the_form_refuses_another_station_and_employer(county, client_for):
    client = client_for("grid_worker")
    page = client.post(
        reverse("cases:create"), _form(county, case_number="P-2", station=county["s2"].pk)
    ).content.decode()
    assert "派出所只能是发案地所属派出所或您所在的派出所" in page
    page = client.post(
        reverse("cases:create"), _form(county, case_number="P-2", employer=county["school"].pk)
    ).content.decode()
    assert "选择一个有效的选项" in page  # the school is not offered to a grid worker
    assert not Case.objects.filter(case_number="P-2").exists()
    # the derived station is fine
    assert client.post(reverse("cases:create"), _form(county, case_number="P-3")).status_code == 302
    assert Case.objects.get(case_number="P-3").station == county["s1"]


def test_a_station_officer_may_name_the_victims_employer(county, client_for):
    client = client_for("station_officer")
    form = _form(county, case_number="P-4", employer=county["school"].pk, employer_relation="staff")
    assert client.post(reverse("cases:create"), form).status_code == 302
    assert Case.objects.get(case_number="P-4").employer == county["school"]


def test_the_api_refuses_another_station_and_employer(case, county, users):
    town = _api(users, "town_staff")
    moved = town.patch(
        f"/api/cases/{case.pk}/", {"station": county["s2"].code}, content_type="application/json"
    )
    assert moved.status_code == 400 and moved.json()["station"] == [
        "派出所只能是发案地所属派出所或您所在的派出所"
    ]
    employer = town.patch(
        f"/api/cases/{case.pk}/", {"employer": county["school"].code}, content_type="application/json"
    )
    assert employer.status_code == 400 and employer.json()["employer"] == [
        "无权将案件计入该工作单位（成员单位）"
    ]
    grid = _api(users, "grid_worker")
    payload = {
        "case_number": "P-5",
        "reported_at": "2024-03-05T10:00:00+08:00",
        "place": county["v1"].code,
        "station": county["s2"].code,
        "fraud_type": "刷单返利",
    }
    assert grid.post("/api/cases/", payload, content_type="application/json").status_code == 400
    case.refresh_from_db()
    assert (case.station, case.employer) == (county["s1"], None)
    assert not Case.objects.filter(case_number="P-5").exists()
    # the station officer answers for 城关派出所: naming it is fine
    officer = _api(users, "station_officer")
    kept = officer.patch(
        f"/api/cases/{case.pk}/", {"station": county["s1"].code}, content_type="application/json"
    )
    assert kept.status_code == 200


def test_the_api_refuses_personal_data_writes_without_the_permission(case, users):
    town = _api(users, "town_staff")
    url = f"/api/cases/{case.pk}/"
    changed = town.patch(url, {"victim_id_number": "110105195001010011"}, content_type="application/json")
    assert changed.status_code == 400
    assert changed.json()["victim_id_number"] == ["无查看个人信息明文的权限，不可修改"]
    account = town.patch(
        url,
        {"identifiers": [{"kind": "account", "value": "6222999988887777"}]},
        content_type="application/json",
    )
    assert account.status_code == 400
    # what was read (masked) goes back unchanged; leaving the accounts out keeps them
    read = town.get(url).json()
    assert town.put(url, {**read, "narrative": "改"}, content_type="application/json").status_code == 200
    phones_only = {"identifiers": [{"kind": "phone", "value": "13700000000"}]}
    assert town.patch(url, phones_only, content_type="application/json").status_code == 200
    case.refresh_from_db()
    assert (case.victim_id_number, case.victim_phone, case.narrative) == (ID_NUMBER, PHONE, "改")
    assert set(case.identifiers.values_list("kind", "value")) == {
        ("account", ACCOUNT),
        ("phone", "13700000000"),
    }


def test_the_import_refuses_another_station_and_employer(county, users, tmp_path):
    header = [*HEADER, "派出所", "工作单位"]
    rows = [
        [*row(number="I1", place="东风村"), "河东派出所", ""],
        [*row(number="I2", place="东风村"), "", "县第一中学"],
        [*row(number="I3", place="东风村"), "城关派出所", ""],
    ]
    result = run_import(CaseImporter(users["town_staff"]), write_csv(tmp_path / "a.csv", header, rows))
    assert [str(e) for e in result.errors] == [
        "第2行「派出所」：派出所只能是发案地所属派出所或您所在的派出所",
        "第3行「工作单位」：无权将案件计入该工作单位（成员单位）",
    ]
    assert not Case.objects.exists()
    officer = run_import(
        CaseImporter(users["station_officer"]), write_csv(tmp_path / "b.csv", header, rows[1:])
    )
    assert [str(e) for e in officer.errors] == []
    assert officer.committed and Case.objects.get(case_number="I2").employer == county["school"]


def test_a_write_never_answers_in_clear(case, users):
    """`?clear=1` on a write: the answer is masked (only a logged read shows clear values)."""
    officer = _api(users, "station_officer")
    response = officer.patch(f"/api/cases/{case.pk}/?clear=1", {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["victim_id_number"] == "110***********002X"
    assert not AccessLog.objects.exists()


def test_the_stored_clear_value_is_not_a_way_to_guess(case, users):
    """Sending the right clear value is refused like a wrong one: no answer tells them apart."""
    town, url = _api(users, "town_staff"), f"/api/cases/{case.pk}/"
    for guess in (PHONE, "13800138001"):
        assert town.patch(url, {"victim_phone": guess}, content_type="application/json").status_code == 400
    account = {"identifiers": [{"kind": "account", "value": ACCOUNT}]}
    assert town.patch(url, account, content_type="application/json").status_code == 400


def test_the_birth_date_check_holds_without_the_permission(case, county, client_for):
    page = client_for("town_staff").post(
        reverse("cases:edit", args=[case.pk]), _form(county, reported_at="1940-03-05T10:00")
    )
    assert "身份证号中的出生日期晚于报案时间" in page.content.decode()
    case.refresh_from_db()
    assert case.reported_at.year == 2024


def test_the_import_keeps_what_the_case_is_attributed_to(case, county, users, tmp_path):
    """Re-importing a case attributed (by the county office) to a station and a member unit the user
    does not answer for: naming them as they are is allowed, as in the form and the API."""
    case.station, case.employer, case.employer_relation = county["s2"], county["school"], "staff"
    case.save()
    header = [*HEADER, "派出所", "工作单位", "与单位关系"]
    again = [*row(number="P-1", place="东风村"), "河东派出所", "县第一中学", "职工"]
    result = run_import(CaseImporter(users["town_staff"]), write_csv(tmp_path / "k.csv", header, [again]))
    assert [str(e) for e in result.errors] == [] and result.committed
    case.refresh_from_db()
    assert (case.station, case.employer) == (county["s2"], county["school"])
