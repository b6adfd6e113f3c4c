"""The governance pages as each role sees them: rankings for everyone with the permission, a unit's
breakdown only inside one's subtree, outcomes acted on and audited, scores and judgements entered."""

import pytest

from fanzha.assessment.escalations import run_escalations
from fanzha.assessment.models import Certificate, ItemScore, Outcome, SchemeItem
from fanzha.audit.models import ObjectChange
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period


@pytest.fixture
def ledger(county):
    add_cases(county["v1"], "2024-03-05", 4, loss_yuan=600_000)
    add_cases(county["c1"], "2024-03-06", 2)
    return county


@pytest.mark.parametrize(
    "username", ["county_admin", "station_officer", "town_staff", "grid_worker", "unit_liaison"]
)
def test_every_role_sees_the_ranking(client_for, ledger, username):
    response = client_for(username).get("/assessment/ranking/?period=2024-03&level=village")
    assert response.status_code == 200
    assert "东风村" in response.content.decode()


def test_unit_breakdown_is_scoped(client_for, ledger):
    assert client_for("town_staff").get("/assessment/units/361123100200/?period=2024-03").status_code == 200
    assert client_for("town_staff").get("/assessment/units/361123001001/?period=2024-03").status_code == 404
    page = client_for("county_admin").get("/assessment/units/361123100200/?period=2024-03").content.decode()
    assert "4 ÷ 2000（2024年人口）× 10000" in page


def test_bad_period_is_explained(client_for, ledger):
    page = client_for("county_admin").get("/assessment/ranking/?period=2024-13").content.decode()
    assert "月份应为 1 到 12" in page


def test_ranking_exports_csv(client_for, ledger):
    response = client_for("county_admin").get("/assessment/ranking/?period=2024-03&level=station&export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("发案数排名,代码,名称")
    assert "城关派出所" in text


def test_ranking_exports_excel_with_typed_cells(client_for, ledger):
    import io

    import openpyxl

    response = client_for("county_admin").get("/assessment/ranking/?period=2024-03&level=village&export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["发案数排名", "代码", "名称", "发案数"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = [r[2] for r in rows]
    assert "青山镇新村" in names and "河东街道新村" in names  # the two 新村 apart
    assert all(isinstance(r[3], int) for r in rows) and all(isinstance(r[0], int) for r in rows)
    loss = header.index("损失金额(元)")
    assert all(isinstance(r[loss], (int, float)) for r in rows)
    assert sheet.cell(row=2, column=loss + 1).number_format == "#,##0.00"


def test_outcome_acknowledged_and_closed_with_a_note(client_for, ledger, users):
    run_escalations(Period.parse("2024-03"))
    review = Outcome.objects.filter(kind="major_case_review", org=ledger["v1"]).first()
    url = f"/assessment/outcomes/{review.pk}/"
    assert client_for("other_grid_worker").get(url).status_code == 403  # grid workers hold no view_outcome
    station = client_for("station_officer")
    assert "办结时请填写办理情况" in station.post(url, {"status": "closed", "note": ""}).content.decode()
    review.refresh_from_db()
    assert review.status == "open"  # closing needs a note
    station.post(url, {"status": "closed", "note": "已约谈村干部，整改完毕"})
    review.refresh_from_db()
    assert review.status == "closed" and review.acted_by == users["station_officer"]
    assert ObjectChange.objects.filter(model="assessment.outcome", object_id=str(review.pk)).exists()


def test_assessor_enters_scores_with_evidence(client_for, ledger):
    item = SchemeItem.objects.get(code="C1", part__scheme__code="004")
    url = "/assessment/assess/361123X001/?year=2024"
    admin = client_for("county_admin")
    page = admin.post(
        url, {f"points-{item.pk}": "1", f"evidence-{item.pk}": "宣传记录"}, follow=True
    ).content.decode()
    assert "只能得 0 分或 2 分" in page and not ItemScore.objects.exists()
    admin.post(url, {f"points-{item.pk}": "2", f"evidence-{item.pk}": "六进宣传记录"})
    assert ItemScore.objects.get(item=item).points == 2
    assert (
        client_for("unit_liaison")
        .post(url, {f"points-{item.pk}": "0", f"evidence-{item.pk}": "x"})
        .status_code
        == 403
    )  # liaisons hold no assessment.assess
    assert ItemScore.objects.get(item=item).points == 2


def test_assessment_list_is_ranked_and_marks_what_is_not_scored(client_for, ledger):
    item = SchemeItem.objects.get(code="C1", part__scheme__code="004")
    admin = client_for("county_admin")
    page = admin.get("/assessment/assess/?year=2024").content.decode()
    assert "名次" in page and 'data-testid="unscored">未评' in page and "暂计" in page
    admin.post(
        "/assessment/assess/361123X001/?year=2024", {f"points-{item.pk}": "2", f"evidence-{item.pk}": "记录"}
    )
    page = admin.get("/assessment/assess/?year=2024").content.decode()
    rows = page.split("<tbody>")[1].split("</tr>")
    school = next(r for r in rows if "县第一中学" in r)
    assert "项未评" in school and "暂计" in school  # C scored in part: no longer 未评, still 暂计
    unit = admin.get("/assessment/assess/361123X001/?year=2024").content.decode()
    assert "（暂计）" in unit and 'data-testid="arithmetic"' in unit


def test_certification_pending_is_not_failed_and_publishing_waits_for_review(client_for, ledger):
    admin = client_for("county_admin")
    refused = admin.post("/assessment/certify/publish/", {"year": "2024", "kind": "village"}, follow=True)
    assert "2024年尚未测算，不能公布" in refused.content.decode()
    admin.post("/assessment/certify/run/", {"year": "2024", "kind": "village"})
    page = admin.get("/assessment/certify/?year=2024&kind=village").content.decode()
    assert "待评定</span>" in page  # standards still to be judged: not 未达标
    refused = admin.post("/assessment/certify/publish/", {"year": "2024", "kind": "village"}, follow=True)
    assert "没有已审核的结果" in refused.content.decode()
    assert not Certificate.objects.filter(status="published").exists()
    pending = Certificate.objects.filter(year=2024, subject_kind="village")
    verdicts = {c.org.code: c.verdict for c in pending}
    assert set(verdicts.values()) <= {"pending", "failed", "certified"} and "pending" in verdicts.values()
    shown = admin.get(
        f"/assessment/certify/?year=2024&kind=village&verdict=pending&town={ledger['street'].pk}"
    )
    rows = shown.content.decode().split("<tbody>")[1]
    expected = {
        c.org.code for c in pending if c.verdict == "pending" and c.org.parent_id == ledger["street"].pk
    }
    assert expected and all(code in rows for code in expected)
    assert ledger["v1"].code not in rows  # another town


def test_service_duties_are_set_on_the_unit_page_and_audited(client_for, ledger):
    url = f"/assessment/certify/{ledger['school'].code}/?year=2024&kind=unit"
    admin = client_for("county_admin")
    page = admin.get(url).content.decode()
    assert "具有服务管理职责：<strong>否</strong>" in page
    admin.post(url, {"action": "service_duties", "value": "1"})
    ledger["school"].refresh_from_db()
    assert ledger["school"].has_service_duties is True
    change = ObjectChange.objects.get(model="orgs.orgunit", object_id=str(ledger["school"].pk))
    assert change.changed_fields() == [("has_service_duties", False, True)]
    liaison = client_for("unit_liaison")
    refused = liaison.post(url, {"action": "service_duties", "value": "0"}, follow=True)
    assert "您没有修改单位信息的权限" in refused.content.decode()
    ledger["school"].refresh_from_db()
    assert ledger["school"].has_service_duties is True


def test_certification_workflow(client_for, ledger):
    admin = client_for("county_admin")
    admin.post("/assessment/certify/run/", {"year": "2024", "kind": "village"})
    url = "/assessment/certify/361123100201/?year=2024&kind=village"
    for criterion in ("duties_performed",):
        admin.post(url, {"action": "judge", "criterion": criterion, "passed": "1", "evidence": "走访核查"})
    admin.post(url, {"action": "review"})
    admin.post("/assessment/certify/publish/", {"year": "2024", "kind": "village"})
    page = admin.get("/assessment/certify/?year=2024&kind=village").content.decode()
    assert "已公布" in page
    assert (
        client_for("grid_worker").get("/assessment/certify/361123001001/?year=2024&kind=village").status_code
        == 404
    )


def test_only_the_office_changes_rule_readings(client_for, ledger):
    client_for("station_officer").post(
        "/assessment/settings/change/", {"key": "interview.reading", "value": "any"}
    )
    from fanzha.parameters import config

    assert config.current()["interview.reading"] == "all"
    client_for("county_admin").post(
        "/assessment/settings/change/", {"key": "interview.reading", "value": "any", "note": "会议决定"}
    )
    assert config.current()["interview.reading"] == "any"
    page = client_for("county_admin").get("/assessment/settings/").content.decode()
    assert "会议决定" in page


def test_targets_page_and_monthly_downloads(client_for, ledger):
    admin = client_for("county_admin")
    response = admin.post(
        "/assessment/targets/",
        {
            "name": "全年下降30%",
            "measure": "cases",
            "scope": ledger["root"].pk,
            "period": "2024",
            "comparison": "yoy",
            "change_pct": "-30",
        },
    )
    assert response.status_code == 302
    assert "全年下降30%" in admin.get("/assessment/targets/").content.decode()
    docx = admin.get("/reports/monthly/?period=2024-03&format=docx")
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment")
    assert b"".join(docx.streaming_content)[:2] == b"PK"


def test_a_bad_year_is_not_a_server_error(client_for, ledger):
    response = client_for("county_admin").post(
        "/assessment/certify/run/", {"year": "二〇二四", "kind": "village"}
    )
    assert response.status_code == 404
