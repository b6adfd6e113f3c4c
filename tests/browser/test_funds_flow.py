"""A station officer opens a case, records the victim's transfer, uploads the 一级 account's statement,
reads the trace and opens a 止付冻结 request from the first freeze candidate."""

import datetime as dt
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest

from fanzha.cases.models import Case, FraudType
from fanzha.funds.tests import layouts
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_statements_trace_and_open_a_freeze_request(page, live_server, users, county, tmp_path):
    place = county["v1"]
    case = Case.objects.create(
        case_number="FUNDS-001",
        reported_at=dt.datetime(2024, 3, 5, 16, tzinfo=ZoneInfo("Asia/Shanghai")),
        place=place,
        station=place.station,
        town=place.parent,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=500_000,
    )
    statement = layouts.write_xlsx(tmp_path / "一级账户交易明细.xlsx", layouts.with_letterhead_and_totals())
    login(page, live_server, "station_officer")

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.wait_for_selector("[data-testid=funds-panel]")
    page.click("[data-testid=funds-panel] >> text=资金流向")
    page.wait_for_selector("[data-testid=seed-form]")
    page.fill("[data-testid=seed-form] input[name=account]", layouts.OWN)
    page.fill("[data-testid=seed-form] input[name=amount]", "5000")
    page.fill("[data-testid=seed-form] input[name=at]", "2024-03-05T14:22")
    page.click("[data-testid=seed-form] button")
    page.wait_for_selector("text=已记录受害人转账 5,000.00 元")

    page.set_input_files("[data-testid=upload-form] input[type=file]", str(statement))
    page.fill("[data-testid=upload-form] input[name=account]", layouts.OWN)
    page.click("[data-testid=upload-form] button")
    page.wait_for_selector("[data-testid=import-ok]")
    assert "入库 5 条" in page.inner_text("[data-testid=import-ok]")
    assert "第10行是合计行" in page.content()

    page.click("text=返回资金流向")
    page.wait_for_selector("[data-testid=freeze]")
    freeze = page.inner_text("[data-testid=freeze]")
    # FIFO: the mule got 2,000 + 1,500 of the victim's 5,000; 500 stays in the 一级 account
    assert page.locator("[data-testid=freeze] tbody tr").count() == 2
    assert freeze.index("3,500.00") < freeze.index("\n500.00")
    assert "（先进先出，归属本案2,000元）" in page.inner_text("[data-testid=hops]")
    page.wait_for_selector("#funds-graph canvas")

    with page.expect_navigation():
        page.click("[data-testid=freeze] >> text=发起止付冻结 >> nth=0")
    target = urlparse(page.url)
    assert target.path == "/strike/new/"
    assert parse_qs(target.query) == {"case": [str(case.pk)], "account": [layouts.MULE], "amount": ["350000"]}
