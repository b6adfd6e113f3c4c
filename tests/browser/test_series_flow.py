"""An officer saves a case whose suspect phone, written another way, another case holds: the case page
says 与1起案件串并, the cluster page opens from it with its graph, and the header search finds both."""

import pytest

from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.cases.tests.builders import add_cases
from fanzha.series import services
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_saved_case_opens_its_series(page, live_server, users, county):
    earlier = add_cases(county["v2"], "2024-03-01", 1)[0]
    SuspectIdentifier.objects.create(case=earlier, kind="phone", value="+8613900000000")
    services.relink([earlier.pk])
    login(page, live_server, "station_officer")
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("#id_case_number", "BR-SERIES-1")
    page.fill("#id_reported_at", "2024-03-05T10:00")
    page.select_option("#id_place", label="青山镇东风村")  # villages are named with their town
    page.select_option("#id_fraud_type", label="刷单返利")
    page.fill("#id_identifiers_phone", "139-0000-0000")
    page.click("button[type=submit]")
    page.wait_for_url("**/cases/*/")
    panel = page.wait_for_selector("[data-testid=series]")
    assert "与1起案件串并" in panel.inner_text()
    page.click("[data-testid=cluster-link]")
    page.wait_for_url(f"**/series/clusters/{earlier.pk}/")
    assert page.inner_text("[data-testid=size]") == "2"
    page.wait_for_function("document.querySelector('#series-graph canvas') !== null")
    page.fill("[data-testid=global-search]", "+86 (139) 0000 0000")
    page.press("[data-testid=global-search]", "Enter")
    page.wait_for_url("**/series/search/**")
    text = page.inner_text("main")
    assert earlier.case_number in text and "BR-SERIES-1" in text
    assert Case.objects.get(case_number="BR-SERIES-1")
