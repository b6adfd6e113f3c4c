"""Importing a batch of clues: header aliases, every rejected row as 第N行「列名」：原因, nothing written
when one row is bad, matched and assigned as they are written, idempotent."""

import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from fanzha.audit.models import ObjectChange
from fanzha.cases.tests.ledgers import write_csv, write_xlsx
from fanzha.clues import services
from fanzha.clues.models import Clue, ClueState
from fanzha.clues.tests.helpers import case_with, clue
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BEIJING)
HEADER = ["号码类型", "涉案号码", "下发单位", "批次", "下发日期", "反馈时限"]


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


def run(path, user=None, **options):
    return run_import(importer_class("clues")(user), path, **options)


def test_a_batch_is_imported_matched_and_idempotent(county, users, tmp_path):
    case_with(county["c1"], "2026-11-02", value="13800138000")
    rows = [
        ["手机号", "+86 138 0013 8000", "省厅反诈中心", "P2026-120", "2026-12-01", ""],
        ["银行卡", "6222-0200-1234-5678", "省厅反诈中心", "P2026-120", "2026/12/1", "2026-12-10"],
        ["微信", "wxid_fake01", "部平台", "P2026-120", "2026年12月1日", ""],
    ]
    path = write_xlsx(tmp_path / "线索.xlsx", HEADER, rows)
    result = run(path, users["county_admin"])
    assert result.ok and result.counts.created == 3, [str(e) for e in result.errors]
    phone = Clue.objects.get(kind="phone")
    assert (phone.value, phone.station, phone.state, phone.deadline.isoformat()) == (
        "13800138000",
        county["s2"],
        ClueState.PENDING,
        "2026-12-04",
    )
    card = Clue.objects.get(kind="bank_card")
    assert (card.value, card.station, card.deadline.isoformat()) == ("6222020012345678", None, "2026-12-10")
    assert ObjectChange.objects.filter(model="clues.clue", action="create").count() == 3
    again = run(path, users["county_admin"])
    assert (again.counts.created, again.counts.unchanged, Clue.objects.count()) == (0, 3, 3)


def test_every_bad_row_is_named_and_nothing_is_written(county, tmp_path):
    rows = [
        ["手机号", "13800138000", "省厅", "B1", "2026-12-01", ""],
        ["短信", "13800138001", "省厅", "B1", "2026-12-01", ""],
        ["QQ", "qq12345", "省厅", "B1", "2026-12-01", ""],
        ["手机号", "138 0013 8000", "省厅", "B1", "2026-12-01", ""],
        ["网址", "http://x.example", "", "B1", "2026-12-01", "2026-11-30"],
        ["银行卡", "6222020012345678", "省厅", "B1", "2027-01-01", ""],
    ]
    result = run(write_csv(tmp_path / "线索.csv", HEADER, rows))
    assert Clue.objects.count() == 0
    assert sorted(str(e) for e in result.errors) == [
        "第3行「号码类型」：无法识别「短信」，可选：手机号、微信、QQ、银行卡、支付账户、网址",
        "第4行「涉案号码」：QQ号应为数字：「qq12345」",
        "第5行「涉案号码」：与第2行重复",  # the same number written with spaces
        "第6行「下发单位」：必填项不能为空",
        "第6行「反馈时限」：核查时限早于接收日期",
        "第7行「下发日期」：日期晚于当前时间",
    ]


def test_overdue_command_json(county):
    case_with(county["v1"], "2026-11-02")
    clue(received="2026-12-01")  # due 12-04: three days late on 12-07
    clue("http://x.example", kind="url", received="2026-12-06")  # due 12-09
    out = StringIO()
    call_command("clues", "overdue", "--format", "json", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert (row["value"], row["days_overdue"], row["station_name"], row["state"]) == (
        "138****8000",
        3,
        "城关派出所",
        "待核查",
    )


def test_figures_command_json(county, users):
    case_with(county["v1"], "2026-11-02")
    services.record_strike(users["station_officer"], clue(received="2026-12-05"), people=4, finding="抓获")
    out = StringIO()
    call_command("clues", "figures", "--period", "2026-12", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {
            "month": "2026-12",
            "station": county["s1"].code,
            "station_name": "城关派出所",
            "received": 1,
            "landed": 1,
            "on_time": 1,
            "unlandable": 0,
            "open": 0,
            "people_handled": 4,
        }
    ]


def test_the_upload_page_offers_clues_to_the_county_only(client_for):
    assert '<option value="clues">上级推送线索</option>' in client_for("county_admin").get(
        "/imports/"
    ).content.decode().replace(" selected", "")
    assert 'value="clues"' not in client_for("station_officer").get("/imports/").content.decode()
