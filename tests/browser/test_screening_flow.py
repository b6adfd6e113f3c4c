"""The station officer types a narrative into a new case: the platform suggests the fraud type, the
officer takes it, and the case is saved with it."""

import pytest

from fanzha.cases.models import Case
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_case_form_suggests_the_type(page, live_server, users, county):
    login(page, live_server, "station_officer")
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_case_number", "BR-SCREEN-1")
    page.fill("#id_reported_at", "2024-03-05T10:00")
    page.select_option("#id_place", label="青山镇东风村")
    page.click("#id_narrative")
    page.keyboard.type(
        "受害人接到自称公安局民警的电话，称其身份证涉嫌洗钱案件，要求将存款转入安全账户进行资金核查。"
    )
    page.wait_for_selector("#type-suggestion")
    assert "冒充公检法" in page.inner_text("#type-suggestion")
    assert "要求转账到“安全账户”" in page.inner_text("#type-suggestion")
    page.click("#take-suggestion")
    assert page.eval_on_selector("#id_fraud_type", "el => el.options[el.selectedIndex].text") == "冒充公检法"
    page.click("button[type=submit]")
    page.wait_for_url("**/cases/*/")
    assert Case.objects.get(case_number="BR-SCREEN-1").fraud_type.name == "冒充公检法"
