"""A signed-in user opens the API docs: Swagger UI renders under the Content-Security-Policy."""

import pytest

from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render(page, live_server, users):
    login(page, live_server, "county_admin")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Fanzha 反诈中心平台 API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag-section")  # the schema loaded with the session
