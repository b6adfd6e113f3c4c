"""督导检查 end to end: findings with deadlines, the clock making one overdue, the unit's report, the
office's 销号/退回, pages, API, CLI, scope and the unit page."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from fanzha.audit.models import ObjectChange
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.inspections import queries, rules, services
from fanzha.inspections.models import Finding, FindingStatus, Inspection

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=10, tzinfo=BEIJING)


@pytest.fixture
def inspected(county, users):
    return services.record_inspection(
        users["county_admin"],
        county["c1"],
        date(2026, 3, 10),
        "王五、赵六",
        "入户走访与宣传阵地",
        "总体较好",
        [services.FindingInput("入户走访台账缺签名", date(2026, 3, 31))],
    )


def test_rule_the_deadline_day_is_on_time():
    assert not rules.finding_overdue(False, date(2026, 3, 31), date(2026, 3, 31))
    assert rules.finding_overdue(False, date(2026, 3, 31), date(2026, 4, 1))
    assert not rules.finding_overdue(True, date(2026, 3, 31), date(2026, 4, 1))


def test_moving_the_clock_makes_a_finding_overdue_until_it_is_closed(inspected, users):
    finding = inspected.findings.get()
    with clock.frozen(at("2026-03-31")):
        assert not queries.is_overdue(finding, services.today())
    with clock.frozen(at("2026-04-01")):
        assert queries.is_overdue(finding, services.today())
        services.report(users["other_grid_worker"], finding, "已补签")
        assert queries.is_overdue(finding, services.today())  # a waiting report does not stop the clock
        with pytest.raises(services.InspectionError, match="退回时请写明原因"):
            services.review(users["county_admin"], finding, False, "")
        services.review(users["county_admin"], finding, False, "签名仍不全")
        assert finding.status == FindingStatus.RETURNED
        services.report(users["other_grid_worker"], finding, "已全部补签")
        services.review(users["county_admin"], finding, True, "")
        assert finding.status == FindingStatus.CLOSED and not queries.is_overdue(finding, services.today())
    assert (
        ObjectChange.objects.filter(model="inspections.finding", object_id=str(finding.pk)).count() == 5
    )  # create, report, return, report, close


def test_refusals(county, users):
    office = users["county_admin"]
    with pytest.raises(services.InspectionError, match="第1个问题：整改时限不能早于检查日期"):
        services.record_inspection(
            office,
            county["c1"],
            date(2026, 3, 10),
            "王五",
            "检查",
            "",
            [services.FindingInput("x", date(2026, 3, 1))],
        )
    with pytest.raises(services.InspectionError, match="管辖范围"):
        services.record_inspection(
            users["town_staff"], county["c1"], date(2026, 3, 10), "王五", "检查", "", []
        )
    assert not Inspection.objects.exists()


def test_pages_and_the_unit_page(inspected, county, client_for):
    office = client_for("county_admin")
    with clock.frozen(at("2026-04-02")):
        listing = office.get("/inspections/").content.decode()
        assert 'data-testid="overdue-findings"' in listing and "入户走访台账缺签名" in listing
        detail = office.get(f"/inspections/{inspected.pk}/").content.decode()
        assert "已逾期" in detail
        unit = office.get(f"/assessment/units/{county['c1'].code}/").content.decode()
        assert 'data-testid="unit-findings"' in unit and "入户走访台账缺签名" in unit
    grid = client_for("other_grid_worker")  # 滨江社区's own grid worker reports
    finding = inspected.findings.get()
    grid.post(f"/inspections/{inspected.pk}/", {"action": "report", "finding": finding.pk, "text": "已补签"})
    finding.refresh_from_db()
    assert finding.status == FindingStatus.REPORTED
    refused = grid.post(
        f"/inspections/{inspected.pk}/", {"action": "close", "finding": finding.pk}, follow=True
    )
    assert "您没有这项操作的权限" in refused.content.decode()
    office.post(f"/inspections/{inspected.pk}/", {"action": "close", "finding": finding.pk, "note": "已核实"})
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED
    assert client_for("grid_worker").get(f"/inspections/{inspected.pk}/").status_code == 404  # 东风村
    assert client_for("town_staff").get("/inspections/new/").status_code == 403


def test_the_office_records_an_inspection_from_the_page(county, client_for):
    office = client_for("county_admin")
    response = office.post(
        "/inspections/new/",
        {
            "org": county["school"].pk,
            "inspected_on": "2026-05-06",
            "inspectors": "县反诈中心 张三",
            "subject": "校园反诈宣传",
            "problem_1": "未张贴宣传海报",
            "deadline_1": "2026-05-20",
            "problem_2": "未建立反诈群",
        },
    )
    assert "问题2：请填写整改时限" in response.content.decode() and not Inspection.objects.exists()
    response = office.post(
        "/inspections/new/",
        {
            "org": county["school"].pk,
            "inspected_on": "2026-05-06",
            "inspectors": "县反诈中心 张三",
            "subject": "校园反诈宣传",
            "problem_1": "未张贴宣传海报",
            "deadline_1": "2026-05-20",
        },
    )
    assert response.status_code == 302
    assert list(Finding.objects.values_list("problem", flat=True)) == ["未张贴宣传海报"]


def test_api_and_cli(county, client_for):
    office = client_for("county_admin")
    made = office.post(
        "/api/inspections/",
        {
            "unit": county["s2"].code,
            "inspected_on": "2026-03-01",
            "inspectors": "张三",
            "subject": "止付冻结工作",
            "findings": [{"problem": "文书送达超时", "deadline": "2026-03-15"}],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    finding_id = made.json()["findings"][0]["id"]
    with clock.frozen(at("2026-03-16")):
        late = office.get("/api/inspections/findings/?overdue=1").json()
        assert [f["id"] for f in late] == [finding_id] and late[0]["overdue"]
        out = StringIO()
        call_command("inspections", "overdue", "--format", "json", stdout=out)
        rows = json.loads(out.getvalue())
        assert [(r["unit"], r["days_overdue"]) for r in rows] == [("河东派出所", 1)]
        reported = office.post(
            f"/api/inspections/findings/{finding_id}/report/",
            {"text": "已整改"},
            content_type="application/json",
        )
        assert reported.json()["status"] == "reported"
        closed = office.post(
            f"/api/inspections/findings/{finding_id}/review/",
            {"close": True},
            content_type="application/json",
        )
        assert closed.json()["status"] == "closed"
        out = StringIO()
        call_command("inspections", "overdue", "--format", "json", stdout=out)
        assert json.loads(out.getvalue()) == []
    town = client_for("town_staff")  # 青山镇 does not see 河东派出所
    assert town.get(f"/api/inspections/{made.json()['id']}/").status_code == 404
    assert town.post("/api/inspections/", {}, content_type="application/json").status_code == 403
