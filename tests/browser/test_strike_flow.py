"""The 止付冻结 desk end to end (issue 15): an officer records a 紧急止付 by phone from the case page,
the bank's liaison confirms it with the amount on a phone-sized screen, the 24 h documents clock turns
amber on a moved clock, and the documents are marked delivered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fanzha.core import clock
from fanzha.strike.models import State, StrikeRequest
from fanzha.strike.tests import factory
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stop_by_phone_is_confirmed_and_its_documents_delivered(browser, live_server, users, county):
    bank = factory.bank(county)
    factory.liaison(bank)
    case = factory.case(
        county, "BR-ZF-001", at=timezone.now() - timedelta(minutes=30), account="6222021234567890"
    )
    with clock.frozen(timezone.now()):
        officer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
        login(officer, live_server, "station_officer")
        officer.goto(f"{live_server.url}/cases/{case.pk}/")
        officer.click("#strike-panel >> text=登记止付/冻结")
        assert officer.input_value("#id_case_number") == "BR-ZF-001"
        officer.select_option("#id_kind", "stop")
        officer.select_option("#id_channel", "phone")
        officer.select_option("#id_bank", str(bank.pk))
        officer.fill("#id_number", "6222 0212 3456 7890")
        officer.fill("#id_holder_name", "李四")
        officer.fill("#id_amount", "5万")
        officer.click("#submit-request")
        officer.wait_for_selector("#request-state")
        assert "待银行反馈" in officer.inner_text("#request-state")
        assert officer.get_attribute("#clocks [data-clock='1']", "data-state") == "later"
        request = StrikeRequest.objects.get()
        assert (request.channel, request.requested_fen) == ("phone", 5_000_000)

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True
        ).new_page()
        login(phone, live_server, "bank_liaison")
        phone.goto(f"{live_server.url}/strike/bank/")
        card = f"[data-request='{request.pk}']"
        assert "6222********7890" in phone.inner_text(card)
        phone.fill(f"{card} input[name=amount]", "48,000")
        phone.click(f"{card} .confirm-button")
        phone.wait_for_selector("text=已反馈：生效中")
        request.refresh_from_db()
        assert (request.state, request.held_fen) == (State.IN_FORCE, 4_800_000)

        clock.advance(timedelta(hours=22, minutes=30))
        officer.reload()
        assert officer.get_attribute("#clocks [data-clock='1']", "data-state") == "soon"
        assert "剩余 1小时30分" in officer.inner_text("#clocks [data-clock='1']")
        officer.goto(f"{live_server.url}/strike/")
        assert "table-warning" in officer.get_attribute(f"#desk tr[data-request='{request.pk}']", "class")
        officer.click(f"#desk tr[data-request='{request.pk}'] a")
        officer.click("#deliver")
        officer.wait_for_selector("text=已登记法律文书送达")
        assert officer.get_attribute("#clocks [data-clock='1']", "data-state") == "met"
        assert "按时办结" in officer.inner_text("#clocks [data-clock='1']")
