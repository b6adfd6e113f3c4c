"""The strike desk's outputs: its figures in the monthly 通报, and the request's documents."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from docx import Document

from fanzha.core import clock
from fanzha.reports.strike import write
from fanzha.strike import returns, services
from fanzha.strike.models import Kind
from fanzha.strike.tests import factory
from fanzha.strike.tests.factory import T0

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(county, users):
    bank = factory.bank(county)
    liaison = factory.liaison(bank)
    case = factory.case(county)
    account = factory.account(bank, holder_id="")
    with clock.frozen(T0 + timedelta(minutes=30)):
        request = services.record_request(
            users["station_officer"], case, account, Kind.FREEZE, "phone", 3_000_000
        )
        services.confirm(liaison, request, 2_000_000)
    return request, liaison


def cells(document) -> list[list[str]]:
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def test_the_monthly_bulletin_has_the_strike_table(frozen, tmp_path):
    out = tmp_path / "通报.docx"
    call_command("report", "monthly", "--period", "2024-03", "--out", str(out))
    document = Document(str(out))
    assert any(p.text.endswith("、止付冻结情况") for p in document.paragraphs)
    assert ["城关派出所", "1", "2.00", "0.00", "0.0%", "30"] in cells(document)


def test_documents_carry_the_request(frozen, users, tmp_path):
    request, liaison = frozen
    notice = Document(str(write("notice", request, False, users["county_admin"], tmp_path / "n.docx")))
    table = cells(notice)
    assert ["协助单位", "县农商银行", "账户类型", "银行账户"] in table
    assert ["户名", "李四", "账号", "6222********7890"] in table
    assert "A2024001" in "".join(p.text for p in notice.paragraphs)
    receipt = Document(str(write("receipt", request, True, users["county_admin"], tmp_path / "r.docx")))
    assert ["涉及账户", "6222021234567890"] in cells(receipt)
    with clock.frozen(T0 + timedelta(days=1)):
        services.plan_return(
            users["station_officer"], request, [returns.Claim(request.case, "x", 5_000_000)], "counter"
        )
    # read by a grid worker of another village: the victim's case is outside their subtree
    listing = Document(str(write("returns", request, False, users["other_grid_worker"], tmp_path / "l.docx")))
    rows = cells(listing)
    assert rows[1][:2] == ["被害人1", "（辖区外案件）"] and rows[1][3] == "20,000.00"
    assert "单笔直接返还" in "".join(p.text for p in listing.paragraphs)
