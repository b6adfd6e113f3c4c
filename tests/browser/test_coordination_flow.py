"""The county office plans a campaign at its desk (1366×768) and assigns a milestone; the school's liaison
reports on a phone (390×844); the office accepts, and the campaign's grid counts it done. Then the office
records an inspection whose problem the liaison reports on."""

import pytest

from fanzha.assessment.models import Campaign
from fanzha.inspections.models import Finding
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_campaign_milestone_and_inspection(desk, phone, shoot, live_server, users, county):
    login(desk, live_server, "county_admin")
    desk.goto(f"{live_server.url}/campaigns/new/")
    desk.fill("#id_name", "百日攻坚专项行动")
    desk.select_option("#id_scope", str(county["root"].pk))
    desk.fill("#id_starts_on", "2026-01-01")
    desk.fill("#id_ends_on", "2026-12-31")
    desk.click("text=保存")
    desk.wait_for_selector("text=已建立方案「百日攻坚专项行动」")
    campaign = Campaign.objects.get(name="百日攻坚专项行动")
    phase = campaign.phases.get(name="集中攻坚")
    desk.goto(f"{live_server.url}/campaigns/phases/{phase.pk}/")
    desk.fill("#id_title", "开展校园反诈宣传")
    desk.fill("#id_deadline", "2026-12-31")
    desk.select_option("#id_units", [str(county["school"].pk)])
    desk.click("button:has-text('分配')")
    desk.wait_for_selector("text=已向 1 个单位分配里程碑任务")
    shoot(desk, "county_admin-coordination", "phase")

    login(phone, live_server, "unit_liaison")
    phone.goto(f"{live_server.url}/prevention/duties/")
    phone.click("text=集中攻坚：开展校园反诈宣传")
    phone.fill("textarea[name=report]", "已开展 3 场校园反诈宣传")
    phone.click("button:has-text('报送')")
    phone.wait_for_selector("text=已报送，待验收")
    shoot(phone, "unit_liaison-coordination", "milestone-reported")

    desk.goto(f"{live_server.url}/campaigns/{campaign.pk}/milestones/?state=waiting")
    desk.click("text=集中攻坚：开展校园反诈宣传")
    desk.click("text=验收通过")
    desk.goto(f"{live_server.url}/campaigns/{campaign.pk}/")
    grid = desk.inner_text("[data-testid=progress-grid]")
    assert "县第一中学" in grid and "1 / 0 / 0 / 0" in grid
    shoot(desk, "county_admin-coordination", "grid")

    desk.goto(f"{live_server.url}/inspections/new/")
    desk.select_option("#id_org", str(county["school"].pk))
    desk.fill("#id_inspected_on", "2026-11-20")
    desk.fill("#id_inspectors", "李明、王芳")
    desk.fill("#id_subject", "校园反诈宣传阵地")
    desk.fill("#id_problem_1", "未设置反诈宣传栏")
    desk.fill("#id_deadline_1", "2026-12-20")
    desk.click("text=保存")
    desk.wait_for_selector("text=已记录督导检查：县第一中学")

    phone.goto(f"{live_server.url}/inspections/")
    phone.click("text=校园反诈宣传阵地")
    phone.fill("textarea[name=text]", "已在校门口设置宣传栏")
    phone.click("text=报送整改情况")
    phone.wait_for_selector("text=已报送整改情况")
    shoot(phone, "unit_liaison-coordination", "finding-reported")
    assert Finding.objects.get().status == "reported"
