"""The county office sees the charts, opens the monthly ranking, drills into a village's figures and
closes the 倒查 the rules opened for a major case."""

from datetime import date

import pytest

from fanzha.cases.tests.builders import add_cases
from fanzha.orgs.models import Population
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charts_ranking_drilldown_and_closing_a_review(page, live_server, users, county):
    today = date.today()
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 10)
    Population.objects.update_or_create(org=county["v1"], year=last_month.year, defaults={"population": 2000})
    add_cases(county["v1"], last_month.isoformat(), 3, loss_yuan=200_000)
    add_cases(county["c1"], last_month.isoformat(), 1, loss_yuan=500_000)
    login(page, live_server, "county_admin")

    page.wait_for_selector("[data-testid=chart-trend] canvas")  # ECharts drew, offline

    page.click("text=研判考核")
    page.click("text=排名通报")
    page.select_option("#level", "village")
    page.click("text=查询")
    ranking = page.inner_text("[data-testid=ranking]")
    assert ranking.index("东风村") < ranking.index("滨江社区")

    page.click("[data-testid=ranking] >> text=东风村")
    page.wait_for_selector("[data-testid=unit-cases]")
    assert page.inner_text("[data-testid=unit-cases]") == "3"
    assert "÷ 2000" in page.inner_text("main")

    page.goto(f"{live_server.url}/reports/monthly/")
    with page.expect_download() as download:
        page.click("text=下载 Word")
    assert download.value.suggested_filename.endswith(".docx")

    page.click("text=研判考核")
    page.click("text=督办事项")
    page.click("[data-testid=outcomes] >> text=全环节倒查")
    assert "50.00万元" in page.inner_text("[data-testid=reason]")
    page.fill("#note", "已开展全环节倒查，查找宣防漏洞3处")
    page.click("button[value=closed]")
    page.wait_for_selector("text=已办结")
