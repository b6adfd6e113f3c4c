"""A 通报 is drafted, edited and 签发; the issued one is archived as issued and never changes; a
ranking notice exists only for a unit an issued 通报 names (read back from the .docx)."""

import hashlib
import io
import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from fanzha.accounts.api_tokens import issue_token
from fanzha.assessment.escalations import NamedUnit, record_bulletin_notices
from fanzha.assessment.models import Notice, Outcome
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.reports.models import Bulletin
from fanzha.reports.monthly import build_report
from fanzha.reports.services import BulletinError, draft_bulletin, edit_bulletin, issue_bulletin

APRIL_3 = datetime(2024, 4, 3, 10, 0, tzinfo=BEIJING)


@pytest.fixture
def march(county):
    add_cases(county["v1"], "2024-03-05", 4, loss_yuan=20_000)
    add_cases(county["c1"], "2024-03-06", 2)
    add_cases(county["v2"], "2024-03-07", 1, employer=county["school"])
    add_cases(county["v1"], "2023-03-05", 1)
    return county


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _named_in(data: bytes) -> set[str]:
    """The unit names in the document's top-N tables (villages and member units)."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    headings = [t for t in texts if t.startswith("（") and ("居前" in t or "情况" in t or "分布" in t)]
    names = set()
    for heading, table in zip(headings, document.tables, strict=False):
        if "居前" in heading:
            names |= {row.cells[1].text for row in table.rows[1:]}
    return names


def test_a_draft_is_prefilled_from_the_figures_and_edits_are_audited(march, users):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        draft = draft_bulletin(admin, "monthly", "2024-03")
        assert draft_bulletin(admin, "monthly", "2024-03") == draft  # one draft per period
    assert "刷单返利7起（占100.0%）" in draft.features
    assert "东风村" in draft.features  # the largest rise: 青山镇/城关派出所 from 1 to 5
    assert "东风村" in draft.requirements and "县第一中学" in draft.requirements
    assert (draft.issuer, draft.signatory) == ("示范县反电信网络诈骗中心", "示范县反电信网络诈骗中心")
    edit_bulletin(
        admin,
        draft,
        issuer="示范县打击治理电信网络诈骗工作领导小组办公室",
        signatory="示范县反诈办",
        features="（一）一段新的特点。",
        requirements="一是第一条要求。\n二是第二条要求。",
    )
    change = ObjectChange.objects.filter(model="reports.bulletin", action="update").get()
    assert change.before["features"] == draft.features and change.after["features"] == "（一）一段新的特点。"
    with pytest.raises(BulletinError, match="「发文机关」不能为空"):
        edit_bulletin(admin, draft, issuer=" ", signatory="x", features="", requirements="")


def test_a_period_not_yet_over_cannot_be_drafted(march, users):
    with clock.frozen(datetime(2024, 3, 20, tzinfo=BEIJING)), pytest.raises(BulletinError, match="尚未结束"):
        draft_bulletin(users["county_admin"], "monthly", "2024-03")
    with pytest.raises(BulletinError, match="月度通报的期间应为月份"):
        draft_bulletin(users["county_admin"], "monthly", "2024Q1")


def test_issuing_numbers_archives_and_records_exactly_the_named_units(march, users):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        bulletin = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))
    assert bulletin.number_text == "〔2024〕第1期"
    data = bytes(bulletin.document)
    assert bulletin.sha256 == hashlib.sha256(data).hexdigest() and bulletin.intact()
    texts = _paragraphs(data)
    assert texts[:2] == ["示范县反电信网络诈骗中心", "〔2024〕第1期"]
    assert texts[-1] == "2024年4月3日"
    named = _named_in(data)
    assert named == {
        "青山镇东风村",
        "河东街道滨江社区",
        "青山镇新村",
        "县第一中学",
    }  # villages with their town
    notices = Notice.objects.filter(kind="ranking").select_related("org")
    assert {n.org.display_name for n in notices} == named
    assert {n.document for n in notices} == {"〔2024〕第1期"}
    assert all("见〔2024〕第1期通报" in n.reason for n in notices)
    assert ObjectChange.objects.filter(model="reports.bulletin", after__status="issued").count() == 1


def test_an_issued_bulletin_never_changes(march, users, client_for, tmp_path):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        bulletin = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))
        with pytest.raises(BulletinError, match="已签发"):
            edit_bulletin(admin, bulletin, issuer="x", signatory="y", features="", requirements="")
        with pytest.raises(BulletinError, match="已签发"):
            issue_bulletin(admin, bulletin)
        with pytest.raises(BulletinError, match="已于2024年4月3日签发（〔2024〕第1期）"):
            draft_bulletin(admin, "monthly", "2024-03")
    archived = bytes(bulletin.document)
    add_cases(march["v2"], "2024-03-30", 9)  # reported late: the ledger moves, the 通报 does not
    client = client_for("county_admin")
    response = client.get(f"/reports/bulletins/{bulletin.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == archived
    # asking for the period on the download page returns the archived one too
    response = client.get("/reports/monthly/", {"kind": "monthly", "period": "2024-03", "format": "docx"})
    assert b"".join(response.streaming_content) == archived
    out = StringIO()
    call_command(
        "report",
        "monthly",
        "--period",
        "2024-03",
        "--out",
        str(tmp_path / "again.docx"),
        "--format",
        "json",
        stdout=out,
    )
    record = json.loads(out.getvalue())
    assert (record["issued"], record["number"], record["sha256"]) == (True, "〔2024〕第1期", bulletin.sha256)
    assert (tmp_path / "again.docx").read_bytes() == archived
    Bulletin.objects.filter(pk=bulletin.pk).update(document=archived + b"x")
    response = client.get(f"/reports/bulletins/{bulletin.pk}/download/")
    assert response.status_code == 302  # refused, with the message: 与签发时的摘要不一致


def test_numbers_run_per_kind_and_year(march, users):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        first = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-02"))
        second = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))
        weekly = issue_bulletin(admin, draft_bulletin(admin, "weekly", "2024-03-04..2024-03-10"))
    with clock.frozen(datetime(2025, 1, 5, tzinfo=BEIJING)):
        next_year = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-12"))
    assert [b.number_text for b in (first, second, weekly, next_year)] == [
        "〔2024〕第1期",
        "〔2024〕第2期",
        "〔2024〕第1期",
        "〔2025〕第1期",
    ]
    assert not Notice.objects.filter(kind="ranking", document="〔2024〕第1期", period__contains="..").exists()


def test_a_past_period_states_rectification_as_of_its_end(stations, users):
    """A 挂牌整治 listed in October is not in the February 通报 drafted in October."""
    for number, month in enumerate(("2024-01", "2024-02", "2024-03"), start=1):
        add_cases(stations["vC"], f"{month}-10", 4)
        record_bulletin_notices(
            Period.parse(month),
            f"〔2024〕第{number}期",
            datetime.fromisoformat(f"{month}-28").date(),
            [NamedUnit(stations["vC"].pk, "village", 1, 4, 0)],
        )
    with clock.frozen(datetime(2024, 10, 8, tzinfo=BEIJING)):
        february = build_report("monthly", Period(2024, 2, 1))
        march_ = build_report("monthly", Period(2024, 3, 1))
    assert not [o for o in february.outcomes if o.kind == "listed_for_rectification"]
    listed = [o for o in march_.outcomes if o.kind == "listed_for_rectification"]
    assert len(listed) == 1 and "截至2024年3月31日被通报3次" in listed[0].reason


def test_the_quarterly_analysis_lists_the_quarters_reviews(stations, tmp_path):
    add_cases(stations["vA"], "2024-01-10", 1, loss_yuan=600_000)
    add_cases(stations["vB"], "2024-03-20", 1, loss_yuan=800_000)
    add_cases(stations["vC"], "2024-04-02", 1, loss_yuan=900_000)  # the next quarter
    out = tmp_path / "q.docx"
    call_command("report", "quarterly", "--period", "2024Q1", "--out", str(out))
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[2] == "测试县电信网络诈骗形势季度分析\n（2024年第1季度）"
    reviews = document.tables[-1]
    assert [r.cells[3].text for r in reviews.rows[1:]] == ["60.00", "80.00"]
    assert Outcome.objects.filter(kind="major_case_review").count() == 2  # 2024Q1's, through March


def test_the_weekly_bulletin_goes_down_to_every_village(stations, tmp_path):
    add_cases(stations["vA"], "2024-03-05", 2)
    add_cases(stations["vD"], "2024-03-09", 1)
    add_cases(stations["vB"], "2024-03-11", 5)  # the week after
    out = tmp_path / "w.docx"
    stdout = StringIO()
    call_command(
        "report",
        "weekly",
        "--period",
        "2024-03-04..2024-03-10",
        "--out",
        str(out),
        "--format",
        "json",
        stdout=stdout,
    )
    assert json.loads(stdout.getvalue())["named"] == []  # a weekly 通报 is no 排名通报
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "（三）各村（社区）发案情况" in texts and "四、督办事项" not in texts
    villages = document.tables[2]
    rows = [(r.cells[1].text, r.cells[2].text) for r in villages.rows[1:]]
    assert rows == [("测试镇A村", "2"), ("测试镇D村", "1")]  # villages named with their town
    with pytest.raises(Exception, match="每周通报的期间应为一周"):
        call_command("report", "weekly", "--period", "2024-03", "--out", str(out))


def test_pages_drafts_edit_issue_and_archive(march, client_for):
    client = client_for("county_admin")
    with clock.frozen(APRIL_3):
        response = client.post("/reports/bulletins/", {"kind": "monthly", "period": "2024-03"})
        assert response.status_code == 302
        bulletin = Bulletin.objects.get()
        assert response["Location"] == f"/reports/bulletins/{bulletin.pk}/"
        page = client.get(response["Location"])
        assert page.status_code == 200 and "主要特点" in page.content.decode()
        form = {
            "issuer": "示范县反诈中心",
            "signatory": "示范县反诈中心",
            "features": "特点",
            "requirements": "要求",
        }
        assert client.post(f"/reports/bulletins/{bulletin.pk}/", form).status_code == 302
        assert client.post(f"/reports/bulletins/{bulletin.pk}/issue/").status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.number_text == "〔2024〕第1期" and bulletin.issuer == "示范县反诈中心"
    listing = client.get("/reports/bulletins/").content.decode()
    assert "〔2024〕第1期" in listing and bulletin.sha256[:12] in listing


def test_only_the_county_office_drafts_and_issues(march, client_for, users):
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        bulletin = draft_bulletin(admin, "monthly", "2024-03")
    for role in ("station_officer", "town_staff", "grid_worker", "unit_liaison"):
        client = client_for(role)
        assert client.get("/reports/bulletins/").status_code == 403
        assert client.post(f"/reports/bulletins/{bulletin.pk}/issue/").status_code == 403
        assert client.get(f"/reports/bulletins/{bulletin.pk}/download/").status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.number is None


def test_the_api_gives_any_cadence_and_the_archived_original(march, users):
    admin = users["county_admin"]
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(admin)}")
    weekly = api.get("/api/reports/", {"kind": "weekly", "period": "2024-03-04..2024-03-10"})
    assert weekly.status_code == 200
    body = weekly.json()
    assert (body["kind"], body["issued"], body["title"]) == (
        "weekly",
        False,
        "示范县电信网络诈骗案件每周通报（2024年3月4日至2024年3月10日）",
    )
    tables = {t["heading"]: t for s in body["sections"] for t in s["tables"]}
    assert [r[1] for r in tables["（三）各村（社区）发案情况"]["rows"]] == [
        "青山镇东风村",
        "河东街道滨江社区",
        "青山镇新村",
    ]
    assert api.get("/api/reports/", {"kind": "weekly", "period": "2024-03"}).status_code == 400
    with clock.frozen(APRIL_3):
        bulletin = issue_bulletin(admin, draft_bulletin(admin, "monthly", "2024-03"))
    monthly = api.get("/api/reports/", {"kind": "monthly", "period": "2024-03"}).json()
    assert (monthly["issued"], monthly["number"], monthly["sha256"]) == (
        True,
        "〔2024〕第1期",
        bulletin.sha256,
    )
    response = api.get("/api/reports/", {"kind": "monthly", "period": "2024-03", "download": "docx"})
    assert b"".join(response.streaming_content) == bytes(bulletin.document)
    officer = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['station_officer'])}")
    below = officer.get("/api/reports/", {"kind": "monthly", "period": "2024-03"}).json()
    assert below["issued"] is False  # below the county: written now, out-of-scope case numbers left out


def test_the_public_quarterly_notice_names_no_unit_and_no_case(march, tmp_path):
    add_cases(march["v1"], "2024-02-10", 1, loss_yuan=700_000)  # a 倒查 case: its number stays out
    out = tmp_path / "public.docx"
    call_command("report", "public", "--period", "2024Q1", "--out", str(out))
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[2] == "示范县电信网络诈骗案件情况通告\n（2024年第1季度）"
    assert [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、")] == [
        "一、基本情况",
        "二、主要特点",
        "三、发案类型",
        "四、防范提示",
    ]
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    body = " ".join(texts) + cells
    names = [u.name for u in march.values()] + list(Case.objects.values_list("case_number", flat=True))
    assert [n for n in names if n in body and n != "示范县"] == []
    assert "凡是要求先垫付资金做任务、刷单返利的，都是诈骗。" in texts
    assert (
        "注：发案数为本县公安机关受理的电信网络诈骗案件数，不含撤案案件。" in texts
        and "排名" not in " ".join(texts)
    )


def test_the_annual_report_is_addressed_to_the_party_working_committee(march, tmp_path):
    out = tmp_path / "annual.docx"
    call_command("report", "annual", "--period", "2024", "--out", str(out))
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[2] == "示范县防范治理电信网络诈骗工作年度报告\n（2024年）"
    assert texts[3] == "党工委、管委会："
    assert texts[4].endswith("现将2024年全县防范治理电信网络诈骗工作情况报告如下：")


def test_a_case_letter_goes_to_the_employer_without_the_full_id(march, client_for):
    case = add_cases(
        march["v2"],
        "2024-03-21",
        1,
        loss_yuan=35_000,
        employer=march["school"],
        victim_name="张三丰",
        victim_id_number="361123197001010012",
    )[0]
    response = client_for("station_officer").get("/reports/letter/", {"case": case.case_number})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    texts = _paragraphs(data)
    assert "县第一中学：" in texts
    facts = next(t for t in texts if t.startswith("2024年3月21日"))
    assert "你单位职工张某（身份证号361***********0012）遭遇刷单返利类电信网络诈骗，被骗3.50万元" in facts
    assert "361123197001010012" not in " ".join(texts) and "张三丰" not in " ".join(texts)
    assert AccessLog.objects.filter(object_id=str(case.pk), fields="函告").count() == 1
    # a case in 河东派出所's area is not the 城关 officer's: 404, as if it did not exist
    far = add_cases(march["c1"], "2024-03-22", 1)[0]
    assert client_for("station_officer").get("/reports/letter/", {"case": far.case_number}).status_code == 404
    village = client_for("county_admin").get("/reports/letter/", {"case": far.case_number})
    assert "滨江社区居民委员会：" in _paragraphs(b"".join(village.streaming_content))
