"""A member unit's liaison on the office PC (1366×768): the home page leads with the unit's overdue
duties, the liaison opens one and reports how it was carried out. Each step is written to
build/role-days/unit_liaison/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.prevention.models import Duty
from fanzha.prevention.models.duties import DutyStatus
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLE = "unit_liaison"


def test_the_liaison_reports_an_overdue_duty_from_the_home_page(desk, shoot, live_server, users, county):
    today = timezone.localdate()
    school = county["school"]
    late = Duty.objects.create(
        org=school,
        title="组织全体教职工下载安装国家反诈中心App",
        year=today.year,
        deadline=today - timedelta(days=9),
    )
    Duty.objects.create(
        org=school, title="各班每月组织一次反诈主题班会", year=today.year, deadline=today + timedelta(days=30)
    )
    Duty.objects.create(  # another unit's duty: never on this liaison's page
        org=county["v1"], title="东风村的任务", year=today.year, deadline=today - timedelta(days=3)
    )

    login(desk, live_server, ROLE)
    overdue = desk.inner_text("#duties-overdue")
    assert "组织全体教职工下载安装国家反诈中心App" in overdue and "逾期 9 天" in overdue
    assert "各班每月组织一次反诈主题班会" in desk.inner_text("#duties-open")
    main = desk.inner_text("main")
    assert "东风村的任务" not in main and "发案数" not in main  # their duties, not case charts
    shoot(desk, ROLE, "home")

    desk.click("#duties-overdue >> text=组织全体教职工下载安装国家反诈中心App")
    desk.wait_for_selector("text=报送落实情况")
    assert "已逾期" in desk.inner_text("main")
    shoot(desk, ROLE, "overdue-duty")

    desk.fill("textarea[name=report]", "12月已组织全校86名教职工安装并注册，截图汇总附后")
    desk.fill("input[name=responsible]", "王老师")
    desk.click("button:has-text('报送')")
    desk.wait_for_selector("text=已报送，等待县中心验收")
    shoot(desk, ROLE, "reported")
    late.refresh_from_db()
    assert late.status == DutyStatus.SUBMITTED and late.responsible == "王老师"

    desk.click("text=反诈中心平台")
    assert "组织全体教职工下载安装国家反诈中心App" in desk.inner_text("#duties-submitted")
    assert "没有逾期的任务" in desk.inner_text("#duties-overdue")
    shoot(desk, ROLE, "home-after")
