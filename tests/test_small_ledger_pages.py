"""The new ledgers on the web and the API: every page as every role, scope (404), masking and the
access log, entry forms with evidence, duties' acceptance, exports."""

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.core.periods import BEIJING
from fanzha.keypersons.models import KeyPerson
from fanzha.prevention.models import (
    Activity,
    ActivityKind,
    Attachment,
    Duty,
    Household,
    HouseholdVisit,
    WeChatGroup,
)
from fanzha.warnings import services
from fanzha.warnings.models import VerificationOrder, Warning

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PAGES = [
    "/prevention/coverage/",
    "/prevention/visits/",
    "/prevention/activities/",
    "/prevention/registrations/",
    "/prevention/pledges/",
    "/prevention/groups/",
    "/prevention/sms/",
    "/prevention/duties/",
    "/warnings/mine/",
    "/warnings/orders/",
    "/warnings/stats/",
    "/warnings/followups/",
    "/warnings/reviews/",
    "/keypersons/persons/",
    "/keypersons/dens/",
]
ALLOWED = {
    "county_admin": set(PAGES),
    "station_officer": set(PAGES),
    "town_staff": set(PAGES) - {"/keypersons/persons/", "/keypersons/dens/"},
    "grid_worker": set(PAGES)
    - {"/keypersons/persons/", "/keypersons/dens/", "/warnings/followups/", "/warnings/reviews/"},
    "unit_liaison": {
        "/prevention/activities/",
        "/prevention/registrations/",
        "/prevention/pledges/",
        "/prevention/groups/",
        "/prevention/duties/",
    },
}


@pytest.fixture
def ledger(county, users):
    home = Household.objects.create(
        village=county["v1"], address="1组1号", head_name="王五", phone="13800001111"
    )
    HouseholdVisit.objects.create(
        household=home, village=county["v1"], visited_on=date(2024, 3, 1), visitor="张三"
    )
    other = Household.objects.create(village=county["c1"], address="滨江1号", phone="13800002222")
    HouseholdVisit.objects.create(
        household=other, village=county["c1"], visited_on=date(2024, 3, 1), visitor="李四"
    )
    order = services.receive(
        Warning(
            external_id="YJ1",
            received_at=datetime(2024, 3, 5, 9, tzinfo=BEIJING),
            phone="13800001111",
            level="high",
        )
    )
    far = services.receive(
        Warning(
            external_id="YJ2",
            received_at=datetime(2024, 3, 5, 9, tzinfo=BEIJING),
            phone="13800002222",
            level="low",
        )
    )
    KeyPerson.objects.create(
        name="赵六",
        id_number="11010519491231002X",
        category="offender",
        village=county["v1"],
        registered_on=date(2024, 1, 1),
    )
    return {"order": order, "far": far, "home": home}


@pytest.mark.parametrize("role", list(ALLOWED))
def test_every_page_for_every_role(client_for, ledger, role):
    client = client_for(role)
    for page in PAGES:
        status = client.get(page).status_code
        assert status == (200 if page in ALLOWED[role] else 403), (role, page, status)


def test_lists_are_scoped_and_masked(client_for, ledger):
    grid = client_for("grid_worker")
    page = grid.get("/prevention/visits/").content.decode()
    assert "1组1号" in page and "滨江1号" not in page
    assert "138****1111" in page and "13800001111" not in page
    assert grid.get(f"/warnings/orders/{ledger['far'].pk}/").status_code == 404
    assert grid.get(f"/warnings/orders/{ledger['order'].pk}/").status_code == 200


def test_list_actions_link_to_their_pages(client_for, ledger):
    office = client_for("county_admin")
    visits = office.get("/prevention/visits/").content.decode()
    assert 'href="/imports/?kind=visits"' in visits and 'href="/prevention/coverage/"' in visits
    duties = office.get("/prevention/duties/").content.decode()
    assert 'action="/prevention/duties/assign/"' in duties
    assert (
        'action="/prevention/duties/assign/"'
        not in client_for("grid_worker").get("/prevention/duties/").content.decode()
    )


def test_clear_view_and_export_are_logged(client_for, ledger):
    officer = client_for("station_officer")
    page = officer.get("/keypersons/persons/?clear=1").content.decode()
    assert "11010519491231002X" in page
    assert AccessLog.objects.filter(model="keypersons.keyperson", action="view").exists()
    masked = officer.get("/keypersons/persons/export/?format=csv")
    body = b"".join(masked.streaming_content).decode("utf-8-sig")
    assert "110***********002X" in body and "11010519491231002X" not in body
    assert AccessLog.objects.filter(model="keypersons.keyperson", action="export").count() == 1
    # without the clear-text permission, ?clear=1 is ignored
    town = client_for("town_staff").get("/prevention/visits/?clear=1").content.decode()
    assert "13800001111" not in town


def test_grid_worker_adds_a_visit_with_a_photo(client_for, ledger, county):
    grid = client_for("grid_worker")
    form = {
        "village": county["v1"].pk,
        "address": "1组9号",
        "head_name": "钱七",
        "phone": "13800009999",
        "visited_on": "2024-03-10",
        "visitor": "张三",
        "people_reached": "3",
        "face_to_face": "on",
        "card_issued": "on",
        "card_recipient": "钱七",
        "evidence": SimpleUploadedFile("现场.png", PNG, content_type="image/png"),
    }
    response = grid.post("/prevention/visits/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    visit = HouseholdVisit.objects.get(household__address="1组9号")
    assert visit.created_by.username == "grid_worker" and Attachment.objects.get(visit=visit).size == len(PNG)
    assert ObjectChange.objects.filter(model="prevention.householdvisit", action="create").exists()
    # a fake image and a village outside the scope are refused, with the reason
    form |= {
        "address": "1组10号",
        "evidence": SimpleUploadedFile("假图.png", b"MZ\x90\x00", content_type="image/png"),
    }
    page = grid.post("/prevention/visits/new/", form).content.decode()
    assert "文件内容与扩展名 .png 不符" in page
    form |= {"village": county["c1"].pk, "evidence": SimpleUploadedFile("a.png", PNG)}
    page = grid.post("/prevention/visits/new/", form).content.decode()
    assert "选择一个有效的选项" in page or "有效" in page
    assert not HouseholdVisit.objects.filter(household__address="1组10号").exists()


def test_card_issued_needs_the_recipient(client_for, ledger, county):
    page = (
        client_for("grid_worker")
        .post(
            "/prevention/visits/new/",
            {
                "village": county["v1"].pk,
                "address": "2号",
                "visited_on": "2024-03-10",
                "visitor": "张三",
                "people_reached": "1",
                "card_issued": "on",
            },
        )
        .content.decode()
    )
    assert "请填写领卡人" in page


def test_evidence_is_served_only_in_scope(client_for, ledger, county, users):
    activity = Activity.objects.create(
        kind=ActivityKind.objects.first(), org=county["v1"], held_on=date(2024, 3, 1)
    )
    item = Attachment.objects.create(
        file=SimpleUploadedFile("a.png", PNG),
        name="a.png",
        size=len(PNG),
        content_type="image/png",
        activity=activity,
    )
    assert client_for("grid_worker").get(f"/prevention/evidence/{item.pk}/").status_code == 200
    assert client_for("other_grid_worker").get(f"/prevention/evidence/{item.pk}/").status_code == 404


def test_duty_report_and_acceptance(client_for, ledger, county):
    from fanzha.prevention.duties import assign_templates

    assert assign_templates(2024) > 0
    duty = Duty.objects.filter(org=county["school"]).first()
    liaison = client_for("unit_liaison")
    liaison.post(
        f"/prevention/duties/{duty.pk}/",
        {"action": "submit", "report": "已开展两次", "responsible": "王老师"},
    )
    duty.refresh_from_db()
    assert duty.status == "submitted"
    page = client_for("county_admin").post(
        f"/prevention/duties/{duty.pk}/", {"action": "return", "note": ""}, follow=True
    )
    assert "退回时请写明原因" in page.content.decode()
    client_for("county_admin").post(
        f"/prevention/duties/{duty.pk}/", {"action": "accept", "note": "材料齐全"}
    )
    duty.refresh_from_db()
    assert duty.status == "accepted"
    assert liaison.post(f"/prevention/duties/{duty.pk}/", {"action": "accept"}).status_code == 403


def test_group_push_and_stale_flag(client_for, ledger, county):
    group = WeChatGroup.objects.create(
        name="东风村1组反诈群",
        org=county["v1"],
        base_unit="villager_group",
        owner_name="王五",
        created_on=date(2024, 1, 1),
    )
    grid = client_for("grid_worker")
    assert "超过7天未推送" in grid.get("/prevention/groups/").content.decode()
    grid.post(
        f"/prevention/groups/{group.pk}/", {"pushed_on": date.today().isoformat(), "content": "警惕刷单返利"}
    )
    assert group.pushes.count() == 1
    assert "超过7天未推送" not in grid.get("/prevention/groups/").content.decode()
    assert grid.get("/prevention/groups/?stale=true").content.decode().count("东风村1组反诈群") == 0


def test_order_actions_on_the_web(client_for, ledger):
    grid = client_for("grid_worker")
    url = f"/warnings/orders/{ledger['order'].pk}/"
    grid.post(url, {"action": "sign"})
    page = grid.post(
        url, {"action": "outcome", "contacted": "1", "method": "", "outcome": "dissuaded"}, follow=True
    ).content.decode()
    assert "联系方式" in page
    grid.post(
        url,
        {"action": "outcome", "contacted": "1", "method": "phone", "outcome": "dissuaded", "note": "已劝阻"},
    )
    order = VerificationOrder.objects.get(pk=ledger["order"].pk)
    assert (order.status, order.outcome) == ("done", "dissuaded")
    assert (
        client_for("unit_liaison").post(url, {"action": "sign"}).status_code == 403
    )  # no warnings.act_order


def test_api_scoped_masked_and_warning_receipt(client_for, ledger, county):
    grid = client_for("grid_worker")
    data = grid.get("/api/prevention/visits/").json()
    assert [r["address"] for r in data["results"]] == ["1组1号"] and data["results"][0][
        "phone"
    ] == "138****1111"
    assert grid.get("/api/keypersons/persons/").status_code == 403
    officer = client_for("station_officer")
    person = officer.get("/api/keypersons/persons/").json()["results"][0]
    assert person["id_number"] == "110***********002X"
    body = {
        "external_id": "YJ9",
        "received_at": "2024-03-06T10:00:00+08:00",
        "phone": "13800001111",
        "level": "medium",
    }
    created = officer.post("/api/warnings/orders/", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["assigned_to"] == county["v1"].code
    again = officer.post("/api/warnings/orders/", body, content_type="application/json")
    assert again.status_code == 400 and "external_id" in again.json()
    order_id = created.json()["id"]
    assert grid.post(f"/api/warnings/orders/{order_id}/sign/").json()["status"] == "signed"
    done = grid.post(
        f"/api/warnings/orders/{order_id}/outcome/",
        {"contacted": True, "method": "visit", "outcome": "dissuaded"},
        content_type="application/json",
    )
    assert done.json()["outcome"] == "dissuaded"
    assert client_for("other_grid_worker").post(f"/api/warnings/orders/{order_id}/sign/").status_code == 404
    activity = {"kind": ActivityKind.objects.first().pk, "org": county["c1"].code, "held_on": "2024-03-01"}
    assert (
        grid.post("/api/prevention/activities/", activity, content_type="application/json").status_code == 400
    )
    activity["org"] = county["v1"].code
    assert (
        grid.post("/api/prevention/activities/", activity, content_type="application/json").status_code == 201
    )


def test_coverage_page_and_export(client_for, ledger):
    admin = client_for("county_admin")
    page = admin.get("/prevention/coverage/?period=2024-03&level=town").content.decode()
    assert "宣防覆盖率" in page and 'id="chart-coverage"' in page and "vendor/echarts/echarts.min.js" in page
    response = admin.get("/prevention/coverage/?period=2024-03&format=csv")
    assert "走访覆盖率%" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_pledge_rate_falls_back_to_the_population(client_for, ledger, county):
    from fanzha.prevention.models import PledgeCount

    PledgeCount.objects.create(org=county["v1"], kind="pledge", recorded_on=date(2024, 5, 1), count=500)
    page = client_for("county_admin").get("/prevention/pledges/").content.decode()
    assert "2000" in page and "25.0" in page  # 500 of 东风村's 2,000 people in 2024


def test_group_owner_change_keeps_history(client_for, ledger, county):
    group = WeChatGroup.objects.create(
        name="东风村2组反诈群",
        org=county["v1"],
        base_unit="villager_group",
        owner_name="王五",
        created_on=date(2024, 1, 1),
    )
    page = (
        client_for("grid_worker")
        .post(
            f"/prevention/groups/{group.pk}/",
            {
                "action": "owner",
                "new_name": "赵六",
                "new_phone": "13800005555",
                "changed_on": "2024-05-01",
                "reason": "原负责人外出务工",
            },
            follow=True,
        )
        .content.decode()
    )
    group.refresh_from_db()
    assert group.owner_name == "赵六" and group.owner_changes.get().previous_name == "王五"
    assert "原负责人外出务工" in page


def test_packages_ledger(client_for, ledger, county):
    client = client_for("town_staff")
    form = {
        "kind": "village",
        "org": county["v1"].pk,
        "target": "东风村",
        "staff": "镇干部甲",
        "officer": "民警乙",
        "basis": "上年发案12起",
        "starts_on": "2024-03-01",
    }
    assert client.post("/prevention/packages/new/", form).status_code == 302
    assert "镇干部甲" in client.get("/prevention/packages/").content.decode()
    assert "镇干部甲" not in client_for("other_grid_worker").get("/prevention/packages/").content.decode()


def test_a_visit_page_shows_its_photo_to_those_in_scope(client_for, ledger, county):
    grid = client_for("grid_worker")
    grid.post(
        "/prevention/visits/new/",
        {
            "village": county["v1"].pk,
            "address": "3组1号",
            "phone": "13800007777",
            "visited_on": "2024-03-10",
            "visitor": "张三",
            "people_reached": "2",
            "evidence": SimpleUploadedFile("a.png", PNG),
        },
    )
    visit = HouseholdVisit.objects.get(household__address="3组1号")
    page = grid.get(f"/prevention/visits/{visit.pk}/").content.decode()
    assert "138****7777" in page and "/prevention/evidence/" in page
    assert client_for("other_grid_worker").get(f"/prevention/visits/{visit.pk}/").status_code == 404
