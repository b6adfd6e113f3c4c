"""A station officer on the office PC (1366×768): the home page leads with what is due — 核查指令 with
the time left to first contact, 止付冻结 clocks, 回访 drawn and not yet made — and the officer opens
the most urgent order and signs for it. Each step is written to build/role-days/station_officer/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.cases.tests.builders import add_cases
from fanzha.prevention.models import Household
from fanzha.warnings import services
from fanzha.warnings.models import FollowUp, OrderStatus, VerificationOrder, Warning
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLE = "station_officer"


def _warning(external_id, phone, minutes_ago, level):
    return services.receive(
        Warning(
            external_id=external_id,
            received_at=timezone.now() - timedelta(minutes=minutes_ago),
            phone=phone,
            level=level,
            risk_type="刷单返利",
        )
    )


def test_the_officer_opens_the_most_urgent_order_from_the_home_page(desk, shoot, live_server, users, county):
    Household.objects.create(village=county["v1"], address="东风村3组8号", phone="13800001111")
    Household.objects.create(village=county["c1"], address="滨江社区1栋", phone="13800002222")
    late = _warning("YJ-LATE-01", "13800001111", 120, "high")  # 1 hour to contact: already late
    _warning("YJ-SOON-02", "13800001111", 10, "medium")
    _warning("YJ-OTHER-03", "13800002222", 10, "high")  # 河东派出所's: not on this page
    (case,) = add_cases(county["v1"], timezone.localdate().isoformat())
    FollowUp.objects.create(case=case, period=timezone.localdate().strftime("%Y-%m"))

    login(desk, live_server, ROLE)
    to_do = desk.locator("#orders-to-do li")
    assert "YJ-LATE-01" in to_do.nth(0).inner_text() and "超时" in to_do.nth(0).inner_text()
    assert "YJ-SOON-02" in to_do.nth(1).inner_text() and "剩余" in to_do.nth(1).inner_text()
    assert "YJ-OTHER-03" not in desk.inner_text("main")
    assert case.case_number in desk.inner_text("#followups-due")
    assert "发案数" in desk.inner_text("main")  # the station's own figures stay, below what is due
    shoot(desk, ROLE, "home")

    desk.click("#orders-to-do >> text=YJ-LATE-01")
    desk.wait_for_selector("#sign")
    shoot(desk, ROLE, "order")
    desk.click("#sign")
    desk.wait_for_selector("text=已签收")
    shoot(desk, ROLE, "signed")
    late.refresh_from_db()
    assert late.status == OrderStatus.SIGNED

    desk.click("text=反诈中心平台")
    assert "已签收" in desk.locator("#orders-to-do li").nth(0).inner_text()
    assert VerificationOrder.objects.filter(station=county["s1"]).count() == 2
    shoot(desk, ROLE, "home-after")
