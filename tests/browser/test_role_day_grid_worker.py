"""A village grid worker's day on a 390×844 phone (issue 18): log in, open 我的待办 (who, where, time
left), open the order and find the person's number as a call link, sign, record the outcome, then
record a 入户走访 picking the household from the ledger — a screenshot of every step lands in
build/role-days/grid_worker/ (README)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.audit.models import AccessLog
from fanzha.prevention.models import Household, HouseholdVisit
from fanzha.warnings import services
from fanzha.warnings.models import OrderStatus, Warning
from tests.browser.test_ledger_flow import login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PHONE = "13212344652"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_grid_worker_day(phone, shoot, live_server, users, county):
    worker = users["grid_worker"]
    worker.first_name = "王秀英"
    worker.save()
    Household.objects.create(village=county["v1"], address="东风村3组8号", head_name="李桂兰", phone=PHONE)
    Household.objects.create(village=county["v1"], address="东风村5组1号", head_name="张福贵")
    Household.objects.create(village=county["c1"], address="滨江5组1号", head_name="张福来")  # not hers
    order = services.receive(
        Warning(
            external_id="YJ20260001",
            received_at=timezone.now() - timedelta(minutes=10),
            phone=PHONE,
            name="李桂兰",
            level="high",
            risk_type="刷单返利",
        )
    )

    login(phone, live_server, "grid_worker")
    shoot(phone, "grid_worker", "home")

    phone.goto(f"{live_server.url}/warnings/mine/")
    card = phone.locator("#pending-orders tr[data-order='YJ20260001']")
    assert "李桂兰" in card.inner_text() and "东风村3组8号" in card.inner_text()
    assert "剩余" in card.inner_text() and "分钟" in card.inner_text()  # 50 of its 60 minutes left
    assert card.get_attribute("class") == ""  # neither red (past) nor amber (the last quarter)
    assert card.bounding_box()["width"] <= 390  # a card, not a table wider than the phone
    shoot(phone, "grid_worker", "my-orders")

    card.locator("a.card-link").click()
    phone.wait_for_selector("#call")
    assert phone.get_attribute("#call", "href") == f"tel:{PHONE}"
    assert "东风村3组8号" in phone.inner_text("#person-address")
    assert AccessLog.objects.filter(model="warnings.verificationorder", object_id=str(order.pk)).exists()
    shoot(phone, "grid_worker", "order-call-link")

    phone.click("#sign")
    phone.wait_for_selector("#order-status >> text=已签收")
    phone.check("#outcome-form input[name=contacted][value='1']")
    phone.select_option("#outcome-form select[name=method]", "phone")
    phone.select_option("#outcome-form select[name=outcome]", "dissuaded")
    phone.fill("#outcome-form textarea[name=note]", "电话劝阻，已卸载刷单App")
    shoot(phone, "grid_worker", "outcome-form")
    phone.click("#submit-outcome")
    phone.wait_for_selector("#order-outcome")
    assert "成功劝阻" in phone.inner_text("#order-outcome")
    assert "tel:" not in phone.content()  # a closed order no longer shows the number
    shoot(phone, "grid_worker", "outcome-recorded")
    order.refresh_from_db()
    assert order.status == OrderStatus.DONE and order.feedback_by == worker

    phone.goto(f"{live_server.url}/warnings/mine/")
    phone.click("text=登记入户走访")
    assert phone.input_value("#id_visitor") == "王秀英"
    assert phone.input_value("#id_visited_on") == timezone.localdate().isoformat()
    phone.fill("#household-search", "5组")
    phone.wait_for_selector("#household-options")
    assert "滨江" not in phone.inner_text("#household-results")  # only her village's households
    shoot(phone, "grid_worker", "visit-pick-household")
    phone.click("#household-options label:has-text('张福贵')")
    phone.check("#id_face_to_face")
    phone.set_input_files(
        "#id_evidence", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": PNG}]
    )
    phone.click("#visit-form button[type=submit]")
    phone.wait_for_selector("text=已保存")
    shoot(phone, "grid_worker", "visit-saved")
    visit = HouseholdVisit.objects.get()
    assert (visit.household.address, visit.visitor) == ("东风村5组1号", "王秀英")
    assert visit.face_to_face and visit.attachments.count() == 1
