"""A station officer logs in, uploads an Excel ledger, confirms it, finds the cases and opens one."""

import pytest

from conftest import PASSWORD
from fanzha.cases.tests.ledgers import HEADER, row, write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_upload_a_ledger_and_open_a_case(page, live_server, users, tmp_path):
    rows = [
        row(number="BR-001", place="东风村", fraud="刷单返利", loss="3,000元"),
        row(number="BR-002", place="青山镇/新村", fraud="冒充公检法", loss="52万元"),
    ]
    ledger = write_xlsx(tmp_path / "三月案件台账.xlsx", HEADER, rows, title="示范县案件台账")
    login(page, live_server, "station_officer")

    page.click("text=数据导入")
    page.select_option("#id_kind", "cases")
    page.set_input_files("#id_file", str(ledger))
    page.click("text=上传并预览")
    page.wait_for_selector("text=导入预览")
    assert page.inner_text("[data-testid=rejected]") == "0"
    page.click("text=确认导入")
    page.wait_for_selector("[data-testid=status]")
    assert page.inner_text("[data-testid=status]") == "全部导入"

    page.click("text=查看案件台账")
    page.wait_for_selector("#cases")
    table = page.inner_text("#cases")
    assert "BR-001" in table and "BR-002" in table and "520,000.00" in table

    # filtering through htmx swaps the table without a page load
    page.select_option("#id_fraud_type", label="冒充公检法")
    page.locator("#cases", has_text="BR-001").wait_for(state="detached")  # no eval: the CSP forbids it
    assert "BR-002" in page.inner_text("#cases")
    assert "fraud_type=" in page.url

    page.click("text=BR-002")
    page.wait_for_selector("text=受害人")
    assert page.inner_text("[data-testid=id-number]") == "110***********002X"
    assert "冒充公检法" in page.inner_text("main")
    page.click("text=显示完整个人信息")
    page.wait_for_selector("[data-testid=id-number]:not(.masked)")
    assert page.inner_text("[data-testid=id-number]") == "11010519491231002X"
