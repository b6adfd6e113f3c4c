"""The county office's monthly 研判会商 at a 1366×768 desk: the form opens with the rule's date (Sunday
the 20th → Monday the 21st), the meeting is held (the figures fixed), a decision goes to a member unit
as a duty on the day and turns red once its deadline has passed; the holiday calendar says where the library ends."""

from datetime import datetime

import pytest

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings.tests.helpers import case_at
from tests.browser.test_ledger_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_monthly_consultation(desk, live_server, users, county, shoot):
    case_at(county["v1"], "2026-11-05")
    page = desk
    with clock.frozen(datetime(2026, 12, 7, 10, 0, tzinfo=BEIJING)):
        login(page, live_server, "county_admin")
        page.click("text=协调")
        page.click("text=研判会商/联席会议")
        assert "下次研判会商：2026年12月21日（星期一），因周末或节假日顺延。" in page.inner_text(
            "#next-meeting"
        )
        shoot(page, "meetings", "list")
        page.click("text=登记研判会商")
        assert page.input_value("#id_held_on") == "2026-12-21"
        assert page.input_value("#id_figures_month") == "2026-11"
        page.check("label:has-text('城关派出所') >> xpath=../input")
        page.fill("#id_chair", "县反诈中心主任 王建国")
        page.fill("#id_minutes", "会议通报了11月发案形势。")
        shoot(page, "meetings", "new")
        page.click("#save-meeting")
        page.wait_for_url("**/meetings/*/")
        assert "预览" in page.inner_text("#figures")
        clock.advance(datetime(2026, 12, 21, 9, 0, tzinfo=BEIJING) - clock.now())  # the day of the meeting
        page.click("#hold")
        page.wait_for_selector("#meeting-state:has-text('已召开')")
        assert "示范县发案 1 起" in page.inner_text("#figures")
        page.fill("#id_text", "开展校园反诈宣传")
        page.select_option("#id_org", label="县第一中学")
        page.fill("#id_deadline", "2026-12-31")
        page.click("#add-decision")
        page.wait_for_selector("#decisions:has-text('开展校园反诈宣传')")
        assert "待落实" in page.inner_text("#decisions") and "已逾期" not in page.inner_text("#decisions")
        shoot(page, "meetings", "held")
        clock.advance(datetime(2027, 1, 4, 9, 0, tzinfo=BEIJING) - clock.now())
        page.reload()
        assert "已逾期" in page.inner_text("#decisions")
        shoot(page, "meetings", "overdue")
        page.goto(f"{live_server.url}/meetings/calendar/?year=2027")
        assert "节假日库只收录到2026年" in page.inner_text("#calendar-source")
        page.fill("#id_day", "2027-01-20")
        page.select_option("#id_kind", "holiday")
        page.fill("#id_note", "本县集中停电检修")
        page.click("#save-correction")
        page.wait_for_selector("#corrections:has-text('本县集中停电检修')")
        shoot(page, "meetings", "calendar")
