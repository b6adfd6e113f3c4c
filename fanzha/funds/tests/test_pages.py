"""Statements uploaded to a case, the trace page, the lists and their exports, the API and the CLI; scope."""

import datetime as dt
import io
import json
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from fanzha.accounts.api_tokens import issue_token
from fanzha.audit.models import AccessLog
from fanzha.cases.models import Case, FraudType
from fanzha.core.masking import mask_account
from fanzha.funds.models import Statement, Transfer, VictimTransfer
from fanzha.funds.tests import layouts

BJ = ZoneInfo("Asia/Shanghai")


def _case(county, key: str, number: str) -> Case:
    place = county[key]
    return Case.objects.create(
        case_number=number,
        reported_at=dt.datetime(2024, 3, 5, 16, tzinfo=BJ),
        place=place,
        station=place.station,
        town=place.parent,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=500_000,
    )


@pytest.fixture
def cases(county):
    return {"home": _case(county, "v1", "F-home"), "foreign": _case(county, "c1", "F-foreign")}


def _upload(client, case, path, **extra):
    with open(path, "rb") as handle:
        return client.post(
            reverse("funds:upload", args=[case.pk]), {"kind": "transactions", "file": handle, **extra}
        )


def _seed(client, case):
    return client.post(
        reverse("funds:add_seed", args=[case.pk]),
        {"account": layouts.OWN, "bank": "某某银行", "at": "2024-03-05T14:22", "amount": "5000"},
    )


@pytest.fixture
def traced(cases, client_for, tmp_path):
    """The home case with its 一级 account's statement and the victim's transfer, by the station officer."""
    officer = client_for("station_officer")
    path = layouts.write_csv(tmp_path / "一级账户.csv", layouts.two_columns_with_flag())
    response = _upload(officer, cases["home"], path)
    assert response.status_code == 200, response.content.decode()
    assert _seed(officer, cases["home"]).status_code == 302
    return officer


def test_upload_seed_and_trace(traced, cases):
    """FIFO: A opens with 1,000 (not the victim's), gets 5,000; 3,000 to the mule = 1,000 + 2,000 本案;
    +200 clean; 1,500 to the mule all 本案; 1,000 cash all 本案 → 500 stays, the mule got 3,500."""
    page = traced.get(reverse("funds:trace", args=[cases["home"].pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert layouts.OWN not in html and layouts.MULE not in html  # masked by default
    assert mask_account(layouts.MULE) in html
    assert "5,000.00" in html and "3,500.00" in html
    assert "受害人转入6217***********4567账户5,000元" in html
    assert "（先进先出，归属本案2,000元）" in html
    assert "支取现金1,000元（先进先出，归属本案1,000元）" in html
    lifo = traced.get(reverse("funds:trace", args=[cases["home"].pk]) + "?method=lifo").content.decode()
    # LIFO: 3,000 all 本案; +200; 1,500 = 200 + 1,300 本案; cash 700 本案 + 300 opening → the mule 4,300
    assert "4,300.00" in lifo and "（后进先出，归属本案3,000元）" in lifo


def test_freeze_candidate_opens_a_strike_request(traced, cases):
    case = cases["home"]
    response = traced.get(reverse("funds:freeze_request", args=[case.pk]) + "?rank=1")
    assert response.status_code == 302
    assert response["Location"] == f"/strike/new/?case={case.pk}&account={layouts.MULE}&amount=350000"
    assert AccessLog.objects.filter(fields="止付冻结账号").count() == 1
    assert traced.get(reverse("funds:freeze_request", args=[case.pk]) + "?rank=9").status_code == 404


def test_overlapping_statement_rows_are_recognised(traced, cases, tmp_path):
    rows = layouts.two_columns_with_flag()
    later = [
        layouts.OWN,
        "张三",
        "20240305",
        "160000",
        "借",
        "100.00",
        "600.00",
        layouts.MULE,
        "王五",
        "转账",
        "T006",
        "转",
    ]
    overlapping = [rows[0], *rows[3:], later]
    path = layouts.write_csv(tmp_path / "第二份.csv", overlapping)
    response = _upload(traced, cases["home"], path)
    assert response.status_code == 200
    statement = Statement.objects.get(filename="第二份.csv")
    assert (statement.rows_stored, statement.duplicates) == (1, 3)
    assert "第2行与《一级账户.csv》第4行重复（流水号、时间、金额相同），未重复入库" in statement.notes
    assert Transfer.objects.filter(account=layouts.OWN).count() == 6


def test_a_bad_file_writes_nothing(traced, cases, tmp_path):
    rows = layouts.two_columns_with_flag()
    rows[3][5] = "abc"
    path = layouts.write_csv(tmp_path / "坏.csv", rows)
    before = (Statement.objects.count(), Transfer.objects.count())
    response = _upload(traced, cases["home"], path)
    assert response.status_code == 400
    assert "第4行「交易金额」：金额应为数字，最多两位小数：「abc」" in response.content.decode()
    assert (Statement.objects.count(), Transfer.objects.count()) == before


def test_exports_and_annex(traced, cases):
    case = cases["home"]
    for what in ("freeze", "requests", "holders", "hops"):
        response = traced.get(reverse("funds:lists_xlsx", args=[case.pk]) + f"?what={what}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    annex = traced.get(reverse("funds:annex", args=[case.pk]))
    assert annex.status_code == 200
    document = Document(io.BytesIO(b"".join(annex.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "资金流向说明" in text and "（案件编号：F-home）" in text
    assert "归属本案2,000元" in text and layouts.OWN not in text


def test_same_holder_accounts_from_opening_data(traced, cases, tmp_path):
    rows = [
        ["账号", "户名", "证件号码", "开户行", "绑定手机"],
        [layouts.MULE, "王五", "11010519491231002X", "某某银行", "13800138000"],
        ["6222600260009999999", "王五", "11010519491231002X", "另一银行", "13800138000"],
    ]
    path = layouts.write_csv(tmp_path / "开户.csv", rows)
    with open(path, "rb") as handle:
        response = traced.post(
            reverse("funds:upload", args=[cases["home"].pk]), {"kind": "opening", "file": handle}
        )
    assert response.status_code == 200
    html = traced.get(reverse("funds:trace", args=[cases["home"].pk])).content.decode()
    assert mask_account("6222600260009999999") in html and "11010519491231002X" not in html
    assert "110***********002X" in html


@pytest.mark.parametrize("role", ["station_officer", "grid_worker", "town_staff", "unit_liaison"])
def test_a_trace_not_theirs_is_a_404(cases, users, client_for, role):
    foreign = cases["foreign"] if role == "station_officer" else cases["home"]
    client = client_for(role)
    for name in (
        "funds:trace",
        "funds:case_panel",
        "funds:lists_xlsx",
        "funds:annex",
        "funds:freeze_request",
    ):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404, name
    assert _seed(client, foreign).status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users[role])}")
    assert api.get(f"/api/funds/cases/{foreign.pk}/trace/").status_code == 404
    assert VictimTransfer.objects.count() == 0


def test_api_and_cli(traced, cases, users):
    case = cases["home"]
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['station_officer'])}")
    # pro rata: 3,000 × 5,000/6,000 = 2,500 本案 to the mule; then 1,500 out of 3,200 (500 opening, 2,500
    # 本案, 200 clean) → 1,500 × 2,500/3,200 = 1,171.875 → 1,171.87 (the half fen goes to the opening lot)
    body = api.get(f"/api/funds/cases/{case.pk}/trace/?method=prorata").json()
    assert body["method"] == "prorata"
    assert [lv["amount"] for lv in body["levels"]] == ["5000.00", "3671.87"]
    assert body["freeze_candidates"][0]["account"] == mask_account(layouts.MULE)
    out = io.StringIO()
    call_command("funds", "trace", "F-home", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert [lv["amount"] for lv in data["levels"]] == ["5000.00", "3500.00"]
    assert data["statement_requests"] == [
        {"account": layouts.MULE, "bank": "", "amount": "3500.00", "reason": "未调取流水"}
    ]


def test_exported_cells_never_run_as_formulas(traced, cases, tmp_path):
    rows = [
        ["账号", "户名", "证件号码", "开户行"],
        [layouts.MULE, '=HYPERLINK("http://x.example")', "", "@某银行"],
    ]
    with open(
        layouts.write_csv(tmp_path / "开户.csv", [[c.replace(",", "，") for c in r] for r in rows]), "rb"
    ) as f:
        assert (
            traced.post(
                reverse("funds:upload", args=[cases["home"].pk]), {"kind": "opening", "file": f}
            ).status_code
            == 200
        )
    response = traced.get(reverse("funds:lists_xlsx", args=[cases["home"].pk]) + "?what=requests")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as book:
        text = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "'=HYPERLINK(" in text and "'@某银行" in text
    assert ">=HYPERLINK(" not in text
