"""004's 三告 as documents the office issues: a case's 函告 numbered per year (〔2024〕函告第1号, the
代字 a rule parameter), archived as issued; the 三告登记 lists every 函告, 通告 and 报告 issued, in the
page, its Excel export and the API — never with the victim's identity."""

import io
from datetime import datetime

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from docx import Document

from fanzha.accounts.api_tokens import issue_token
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.parameters import config
from fanzha.reports.models import Bulletin
from fanzha.reports.services import BulletinError, draft_bulletin, draft_letter, issue_bulletin

APRIL_3 = datetime(2024, 4, 3, 10, 0, tzinfo=BEIJING)
ID_NUMBER = "361123197001010012"


@pytest.fixture
def letters(county):
    made = add_cases(
        county["v2"],
        "2024-03-21",
        3,
        loss_yuan=35_000,
        employer=county["school"],
        victim_name="张三丰",
        victim_id_number=ID_NUMBER,
    )
    made += add_cases(county["c1"], "2024-03-22", 1, victim_name="李四", victim_id_number=ID_NUMBER)
    return made


def _texts(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_letters_are_numbered_per_year_and_a_failed_issue_takes_no_number(letters, users):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        first = issue_bulletin(admin, draft_letter(admin, letters[0]))
        second = issue_bulletin(admin, draft_letter(admin, letters[1]))
        # a second draft of an issued case's letter (made before the first was issued) fails to issue:
        # it takes no number, and the next letter gets the next one
        stale = Bulletin.objects.create(
            kind="letter",
            period=letters[0].case_number,
            case=letters[0],
            org=first.org,
            issuer="x",
            signatory="x",
        )
        with pytest.raises(BulletinError, match=f"案件{letters[0].case_number}的函告已签发"):
            issue_bulletin(admin, stale)
        stale.refresh_from_db()
        assert (stale.status, stale.number) == ("draft", None)
        third = issue_bulletin(admin, draft_letter(admin, letters[2]))
        with pytest.raises(BulletinError, match="函告已于2024年4月3日签发（〔2024〕函告第1号）"):
            draft_letter(admin, letters[0])
        # a 通报 keeps its own sequence
        monthly = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))
    assert [first.number_text, second.number_text, third.number_text] == [
        "〔2024〕函告第1号",
        "〔2024〕函告第2号",
        "〔2024〕函告第3号",
    ]
    assert monthly.number_text == "〔2024〕第1期"
    # the 代字 is data: a new one numbers the next letters, the issued keep theirs; a new year starts at 1
    config.change("letter.prefix", "示公反诈函", admin)
    with clock.frozen(datetime(2025, 1, 6, 9, 0, tzinfo=BEIJING)):
        next_year = issue_bulletin(admin, draft_letter(admin, letters[3]))
    assert next_year.number_text == "〔2025〕示公反诈函第1号"
    first.refresh_from_db()
    assert first.number_text == "〔2024〕函告第1号"
    with pytest.raises(IntegrityError), transaction.atomic():  # no number twice, whatever the code does
        Bulletin.objects.filter(pk=second.pk).update(number=1)


def test_an_issued_letter_is_archived_and_unchanged_after_the_case_is_edited(letters, users, client_for):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        letter = issue_bulletin(admin, draft_letter(admin, letters[0]))
    archived = bytes(letter.document)
    text = _texts(archived)
    assert "〔2024〕函告第1号" in text and "县第一中学：" in text and "被骗3.50万元" in text
    assert ID_NUMBER not in text and "张三丰" not in text and "张某（身份证号361***********0012）" in text
    Case.objects.filter(pk=letters[0].pk).update(loss_fen=9_900_000, victim_name="王五")
    response = client_for("county_admin").get(f"/reports/bulletins/{letter.pk}/download/")
    assert b"".join(response.streaming_content) == archived
    by_case = client_for("county_admin").get("/reports/letter/", {"case": letters[0].case_number})
    assert b"".join(by_case.streaming_content) == archived
    letter.refresh_from_db()
    assert letter.intact() and "被骗3.50万元" in _texts(bytes(letter.document))


def test_the_register_lists_the_three_notices_filters_and_exports(letters, users, client_for):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        letter = issue_bulletin(admin, draft_letter(admin, letters[3]))  # to the community: no employer
        public = issue_bulletin(admin, draft_bulletin(admin, "public", "2024Q1"))
        issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))  # not one of the 三告
    with clock.frozen(datetime(2025, 1, 6, 9, 0, tzinfo=BEIJING)):
        annual = issue_bulletin(admin, draft_bulletin(admin, "annual", "2024"))
    client = client_for("county_admin")
    page = client.get("/reports/register/")
    assert [e.number for e in page.context["entries"]] == [
        annual.number_text,
        letter.number_text,
        public.number_text,
    ]
    html = page.content.decode()
    assert "滨江社区居民委员会" in html and "社会公众" in html and "党工委、管委会" in html
    assert f'href="/cases/{letters[3].pk}/"' in html
    assert ID_NUMBER not in html and "李四" not in html
    only = client.get("/reports/register/", {"year": "2024", "kind": "letter"}).context["entries"]
    assert [e.number for e in only] == ["〔2024〕函告第1号"]
    export = client.get("/reports/register/", {"year": "2024", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:4] == ["类别", "文号", "成文日期", "主送"]
    assert [r[:2] for r in rows[1:]] == [["函告", "〔2024〕函告第1号"], ["通告", "〔2024〕第1期"]]
    assert rows[1][2].date() == APRIL_3.date()  # a typed date cell
    # the API lists what was issued, letters included, by year and kind; and gives a case's letter
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(admin)}")
    listed = api.get("/api/reports/", {"kind": "letter"}).json()
    assert [(r["number"], r["case"], r["addressee"]) for r in listed] == [
        ("〔2024〕函告第1号", letters[3].case_number, "滨江社区居民委员会")
    ]
    assert len(api.get("/api/reports/", {"year": "2024"}).json()) == 3
    one = api.get("/api/reports/", {"kind": "letter", "case": letters[3].case_number}).json()
    assert one["issued"] and one["number"] == "〔2024〕函告第1号" and ID_NUMBER not in str(one)


def test_only_the_county_office_drafts_letters_and_sees_the_register(letters, client_for):
    officer = client_for("station_officer")
    assert officer.get("/reports/register/").status_code == 403
    assert officer.post("/reports/letter/draft/", {"case": letters[0].case_number}).status_code == 403
    admin = client_for("county_admin")
    with clock.frozen(APRIL_3):
        response = admin.post("/reports/letter/draft/", {"case": letters[0].case_number})
    letter = Bulletin.objects.get(kind="letter")
    assert response.url == f"/reports/bulletins/{letter.pk}/"
    page = admin.get(response.url).content.decode()
    assert "主送" in page and "县第一中学" in page and ID_NUMBER not in page
    assert admin.post("/reports/letter/draft/", {"case": "没有这个案件"}).status_code == 404
