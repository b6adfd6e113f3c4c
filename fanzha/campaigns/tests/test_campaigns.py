"""Campaigns end to end: phases, milestones as duties, the clock moving a milestone from due to late,
the progress grid, pages, API, CLI and the 阶段总结."""

import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from fanzha.assessment.models import Campaign, Target
from fanzha.audit.models import ObjectChange
from fanzha.campaigns import queries, services
from fanzha.campaigns.models import Milestone
from fanzha.campaigns.tests.helpers import at, campaign, milestones
from fanzha.core import clock
from fanzha.prevention import duties
from fanzha.prevention.models import DutyStatus, DutyTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(county, users):
    office = users["county_admin"]
    c = campaign(office, county["root"])
    attack = c.phases.get(name="集中攻坚")
    made = milestones(office, attack, [county["school"], county["s1"]])
    return c, attack, made


def test_a_new_campaign_gets_three_phases_and_its_writes_are_audited(planned):
    c, attack, made = planned
    assert [p.name for p in c.phases.all()] == ["动员部署", "集中攻坚", "总结验收"]
    assert ObjectChange.objects.filter(model="assessment.campaign", object_id=str(c.pk)).exists()
    assert ObjectChange.objects.filter(model="assessment.phase").count() == 3
    assert ObjectChange.objects.filter(model="campaigns.milestone").count() == 2


def test_a_milestone_is_a_duty_of_its_unit_with_the_phase_in_its_title(planned, county):
    _, attack, made = planned
    duty = made[0].duty
    assert duty.org == county["school"] and duty.title == "集中攻坚：完成辖区入户走访"
    assert str(duty.deadline) == "2026-02-28" and duty.year == 2026 and duty.status == DutyStatus.OPEN


def test_moving_the_clock_past_the_deadline_makes_a_milestone_late(planned, users):
    _, _, made = planned
    m = made[0]
    with clock.frozen(at("2026-02-28", 23)):
        assert queries.state_of(m, queries.today()) == "due"
    with clock.frozen(at("2026-03-01", 0)):
        assert queries.state_of(m, queries.today()) == "late"
        duties.submit(users["unit_liaison"], m.duty, "已走访 300 户")
        m.duty.refresh_from_db()
        assert queries.state_of(m, queries.today()) == "late"  # a late report waits: still late
        duties.review(users["county_admin"], m.duty, True, "材料齐全")
        m.duty.refresh_from_db()
        assert queries.state_of(m, queries.today()) == "done"


def test_the_grid_counts_per_unit_and_phase(planned, users, county):
    c, attack, made = planned
    with clock.frozen(at("2026-02-20")):
        duties.submit(users["unit_liaison"], made[0].duty, "已完成")
    with clock.frozen(at("2026-03-02")):
        grid = queries.progress(users["county_admin"], c, queries.today())
    by_unit = {unit.code: (cells, whole) for unit, cells, whole in grid.rows}
    school_cells, _ = by_unit[county["school"].code]
    counts = {p.name: dict(cell.counts) for p, cell in school_cells}
    assert counts["集中攻坚"] == {"late": 1}
    assert grid.totals == {"done": 0, "waiting": 0, "due": 0, "late": 2, "all": 2}


def test_a_second_assignment_of_the_same_task_names_the_unit(planned, users, county):
    _, attack, _ = planned
    with pytest.raises(services.CampaignError, match="县第一中学"):
        milestones(users["county_admin"], attack, [county["s2"], county["school"]])
    assert not Milestone.objects.filter(duty__org=county["s2"]).exists()  # all or nothing


def test_a_deadline_outside_the_campaign_is_refused(planned, users, county):
    _, attack, _ = planned
    with pytest.raises(services.CampaignError, match="方案期间"):
        milestones(users["county_admin"], attack, [county["s2"]], deadline="2026-07-01")


def test_a_unit_outside_the_subtree_is_refused(county, users):
    town_user = users["town_staff"]
    c = campaign(users["county_admin"], county["town"])
    with pytest.raises(services.CampaignError, match="管辖范围"):
        milestones(town_user, c.phases.first(), [county["s2"]])


def test_a_catalogue_duty_becomes_a_milestone(planned, users, county):
    c, _, _ = planned
    template = DutyTemplate.objects.first()
    made = services.assign_milestones(
        users["county_admin"],
        c.phases.get(name="动员部署"),
        services.MilestonePlan(units=[county["school"]], deadline=c.starts_on, template=template),
    )
    assert made[0].duty.template == template and made[0].duty.title.endswith(template.title)


def test_pages_for_the_office(planned, client_for, county):
    c, attack, _ = planned
    office = client_for("county_admin")
    for url in (
        "/campaigns/",
        f"/campaigns/{c.pk}/",
        f"/phases/{attack.pk}/",
        f"/{c.pk}/milestones/?state=due",
    ):
        url = url if url.startswith("/campaigns/") else f"/campaigns{url}"
        page = office.get(url)
        assert page.status_code == 200, url
    grid = office.get(f"/campaigns/{c.pk}/").content.decode()
    assert "县第一中学" in grid and "集中攻坚" in grid and 'data-testid="progress-grid"' in grid


def test_the_office_creates_a_campaign_and_assigns_from_the_pages(county, client_for):
    office = client_for("county_admin")
    response = office.post(
        "/campaigns/new/",
        {
            "name": "百日攻坚",
            "source": "",
            "scope": county["root"].pk,
            "starts_on": "2026-03-01",
            "ends_on": "2026-06-08",
            "standard_phases": "on",
        },
    )
    c = Campaign.objects.get(name="百日攻坚")
    assert response.status_code == 302 and c.phases.count() == 3
    phase = c.phases.get(name="动员部署")
    response = office.post(
        f"/campaigns/phases/{phase.pk}/",
        {
            "action": "milestone",
            "title": "召开动员部署会",
            "deadline": "2026-03-10",
            "units": [county["school"].pk],
        },
    )
    assert response.status_code == 302
    assert Milestone.objects.get(phase=phase).duty.title == "动员部署：召开动员部署会"
    bad = office.post(
        f"/campaigns/phases/{phase.pk}/",
        {"action": "milestone", "title": "", "deadline": "2026-03-10", "units": [county["school"].pk]},
    )
    assert "请选择任务模板或填写任务名称" in bad.content.decode()
    bad = office.post(
        "/campaigns/new/",
        {"name": "x", "scope": county["root"].pk, "starts_on": "2026-03-01", "ends_on": "2026-02-01"},
    )
    assert "结束日期不能早于开始日期" in bad.content.decode()


def test_scope_and_permissions(planned, county, users, client_for):
    c, attack, made = planned
    street_campaign = campaign(users["county_admin"], county["street"], name="河东街道行动")
    town = client_for("town_staff")
    assert town.get(f"/campaigns/{c.pk}/").status_code == 404  # the county's campaign lies above the town
    assert town.get(f"/campaigns/{street_campaign.pk}/").status_code == 404
    assert town.get(f"/campaigns/phases/{attack.pk}/").status_code == 404
    assert town.get("/campaigns/new/").status_code == 403
    assert client_for("unit_liaison").get("/campaigns/").status_code == 403
    assert client_for("grid_worker").get("/api/campaigns/").status_code == 403
    assert town.get(f"/api/campaigns/{c.pk}/").status_code == 404


def test_the_target_form_offers_the_campaign(planned, county, client_for):
    c, _, _ = planned
    office = client_for("county_admin")
    assert f'<option value="{c.pk}">{c.name}</option>' in office.get("/assessment/targets/").content.decode()
    office.post(
        "/assessment/targets/",
        {
            "campaign": c.pk,
            "name": "上半年发案下降10%",
            "measure": "cases",
            "scope": county["root"].pk,
            "level": "",
            "period": "2026H1",
            "comparison": "yoy",
            "change_pct": "-10",
        },
    )
    assert Target.objects.get(name="上半年发案下降10%").campaign == c
    assert "上半年发案下降10%" in office.get(f"/campaigns/{c.pk}/").content.decode()


def test_api_round_trip(county, users, client_for):
    office = client_for("county_admin")
    made = office.post(
        "/api/campaigns/",
        {
            "name": "冬季行动",
            "scope": county["root"].code,
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    phase = body["phases"][1]["id"]
    assigned = office.post(
        f"/api/campaigns/phases/{phase}/milestones/",
        {"units": [county["school"].code], "deadline": "2026-02-28", "title": "开展校园反诈宣传"},
        content_type="application/json",
    )
    assert assigned.status_code == 201, assigned.content
    milestone_id = assigned.json()[0]["id"]
    refused = office.post(
        f"/api/campaigns/phases/{phase}/milestones/",
        {"units": ["NOPE"], "deadline": "2026-02-28", "title": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "NOPE" in refused.json()["units"]
    liaison = client_for("unit_liaison")
    with clock.frozen(at("2026-02-27")):
        reported = liaison.post(
            f"/api/campaigns/milestones/{milestone_id}/report/",
            {"report": "已开展 3 场"},
            content_type="application/json",
        )
        assert reported.status_code == 200 and reported.json()["state"] == "waiting"
        returned = office.post(
            f"/api/campaigns/milestones/{milestone_id}/review/",
            {"accept": False},
            content_type="application/json",
        )
        assert returned.status_code == 400 and "退回时请写明原因" in returned.json()["detail"]
        accepted = office.post(
            f"/api/campaigns/milestones/{milestone_id}/review/",
            {"accept": True, "note": "好"},
            content_type="application/json",
        )
        assert accepted.json()["state"] == "done"
        listed = office.get(f"/api/campaigns/milestones/?campaign={body['id']}&state=done").json()
        assert [m["id"] for m in listed] == [milestone_id]
        detail = office.get(f"/api/campaigns/{body['id']}/").json()
        assert detail["milestones"]["done"] == 1 and detail["units"][0]["unit"] == county["school"].code
    assert office.get("/api/campaigns/milestones/?state=nonsense").status_code == 400
    assert client_for("town_staff").post(
        f"/api/campaigns/milestones/{milestone_id}/review/", {"accept": True}, content_type="application/json"
    ).status_code in (403, 404)


def test_cli_due_lists_late_and_soon_due_milestones(planned, county, users):
    c, attack, made = planned
    milestones(
        users["county_admin"],
        c.phases.get(name="总结验收"),
        [county["school"]],
        deadline="2026-06-20",
        title="上报总结",
    )

    def due(day, *extra):
        out = StringIO()
        with clock.frozen(at(day)):
            call_command("campaigns", "due", *extra, "--format", "json", stdout=out)
        return json.loads(out.getvalue())

    assert due("2026-02-10") == []
    soon = due("2026-02-21")
    assert {(r["unit"], r["state"]) for r in soon} == {("县第一中学", "未到期"), ("城关派出所", "未到期")}
    late = due("2026-03-03")
    assert {r["state"] for r in late} == {"已逾期"} and {r["days_overdue"] for r in late} == {3}
    assert len(due("2026-06-15", "--within", "5")) == 3
    duties.submit(None, made[0].duty, "完成")
    duties.review(None, made[0].duty, True, "")
    assert len(due("2026-03-03")) == 1  # the accepted one is gone


def test_phase_summary_docx(planned, users, client_for):
    c, attack, made = planned
    with clock.frozen(at("2026-02-20")):
        duties.submit(users["unit_liaison"], made[0].duty, "完成")
        duties.review(users["county_admin"], made[0].duty, True, "")
    office = client_for("county_admin")
    response = office.post(f"/campaigns/phases/{attack.pk}/summary/", {"work": "召开推进会 2 次", "next": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "集中攻坚阶段工作总结" in text and "召开推进会 2 次" in text
    assert "已验收1项（50.0%）" in text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["县第一中学", "1", "1", "1", "0", "100.0%"] in cells
    assert client_for("town_staff").post(f"/campaigns/phases/{attack.pk}/summary/").status_code == 403


def test_api_adds_a_phase_within_the_campaign(planned, client_for):
    c, _, _ = planned
    office = client_for("county_admin")
    made = office.post(
        f"/api/campaigns/{c.pk}/phases/",
        {"name": "巩固提升", "starts_on": "2026-06-01", "ends_on": "2026-06-30"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["name"] == "巩固提升"
    outside = office.post(
        f"/api/campaigns/{c.pk}/phases/",
        {"name": "延长", "starts_on": "2026-07-01", "ends_on": "2026-07-31"},
        content_type="application/json",
    )
    assert outside.status_code == 400 and "方案期间" in outside.json()["detail"]
    assert (
        client_for("town_staff")
        .post(f"/api/campaigns/{c.pk}/phases/", {"name": "x"}, content_type="application/json")
        .status_code
        == 403
    )
