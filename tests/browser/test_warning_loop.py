"""The warning loop end to end (issue: Prevention and coordination): a warning arrives from the upper
platform, the grid worker opens it on a phone-sized screen, signs for it and records the outcome, and
the station's figures change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.prevention.models import Household, HouseholdVisit
from fanzha.warnings import services
from fanzha.warnings.models import Warning
from tests.browser.test_ledger_flow import login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _station_figures(page, live_server, month):
    page.goto(f"{live_server.url}/warnings/stats/?period={month}&by=station")
    return page.inner_text("#total-warnings"), page.inner_text("#total-dissuaded")


def test_a_warning_is_signed_and_dissuaded_from_a_phone(browser, live_server, users, county):
    Household.objects.create(village=county["v1"], address="东风村3组8号", phone="13800001111")
    month = timezone.localdate().strftime("%Y-%m")

    officer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(officer, live_server, "station_officer")
    assert _station_figures(officer, live_server, month) == ("0", "0")

    # the upper platform pushes a high-risk warning
    services.receive(
        Warning(
            external_id="YJ20240001",
            received_at=timezone.now() - timedelta(minutes=5),
            phone="13800001111",
            level="high",
            risk_type="刷单返利",
        )
    )

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True
    ).new_page()
    login(phone, live_server, "grid_worker")
    phone.goto(f"{live_server.url}/warnings/mine/")
    phone.click("#pending-orders >> text=YJ20240001")
    # the worker of the village it is assigned to calls the person (each such page is logged)
    assert phone.get_attribute("#call", "href") == "tel:13800001111"
    phone.click("#sign")
    phone.wait_for_selector("text=已签收")
    phone.check("#outcome-form input[name=contacted][value='1']")
    phone.select_option("#outcome-form select[name=method]", "visit")
    phone.select_option("#outcome-form select[name=outcome]", "dissuaded")
    phone.fill("#outcome-form textarea[name=note]", "上门劝阻，已卸载刷单App")
    phone.click("#submit-outcome")
    phone.wait_for_selector("#order-outcome")
    assert "成功劝阻" in phone.inner_text("#order-outcome")
    phone.goto(f"{live_server.url}/warnings/mine/")
    assert "没有待处理的指令" in phone.inner_text("#pending-orders")

    # on the same phone, the worker registers a household visit with a photo
    phone.click("text=登记入户走访")
    phone.click("#new-household summary")  # a household not yet in the ledger
    phone.fill("#id_address", "东风村3组9号")
    phone.fill("#id_head_name", "钱七")
    phone.fill("#id_visited_on", timezone.localdate().isoformat())
    phone.fill("#id_visitor", "王秀英")  # a user without a name on file writes it in
    phone.check("#id_face_to_face")
    phone.set_input_files(
        "#id_evidence", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": PNG}]
    )
    phone.click("button[type=submit]")
    phone.wait_for_selector("text=已保存")
    visit = HouseholdVisit.objects.get(household__address="东风村3组9号")
    assert visit.face_to_face and visit.attachments.count() == 1

    assert _station_figures(officer, live_server, month) == ("1", "1")
    assert "100.0" in officer.inner_text("#stats")  # the success rate
