"""资金链 (web/wiring.py): accounts that several cases' traced money passed through link those cases in
串并案; the limit K and 不串并标识 apply; a payment institution's account links nobody; a trace run
again (page, statement import, victim transfer) updates the links."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from fanzha.cases.models import Case, FraudType
from fanzha.core.masking import mask_account
from fanzha.funds import services as funds
from fanzha.funds.models import ChainAccount, Statement, Transfer
from fanzha.series import services as series
from fanzha.series.models import Cluster, Key, Link, Member

BJ = ZoneInfo("Asia/Shanghai")
MULE = "6228480011112222333"  # the 二级 account both traces reach
TENPAY = "2430001000001"  # a payment institution's clearing account


def _case(county, number: str, loss_yuan: int) -> Case:
    place = county["v1"]
    return Case.objects.create(
        case_number=number,
        reported_at=dt.datetime(2024, 3, 5, 16, tzinfo=BJ),
        place=place,
        station=place.station,
        town=place.parent,
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=loss_yuan * 100,
    )


def _traced(case, first: str, yuan: int, onward: str, onward_name: str = "王某", hour: int = 14) -> None:
    """The victim pays `yuan` into the 一级 account `first`, whose statement shows it all going on to
    `onward` 18 minutes later (no statement of `onward` yet); recording the transfer runs the trace."""
    at = dt.datetime(2024, 3, 5, hour, 22, tzinfo=BJ)
    statement = Statement.objects.create(
        case=case, kind="transactions", filename=f"{first}.csv", accounts=first
    )
    fen = yuan * 100
    Transfer.objects.bulk_create(
        [
            Transfer(statement=statement, row=2, account=first, at=at, direction="in", amount_fen=fen,
                     balance_fen=fen, counterparty="6217000000000001"),
            Transfer(statement=statement, row=3, account=first, at=at + dt.timedelta(minutes=18),
                     direction="out", amount_fen=fen, balance_fen=0, counterparty=onward,
                     counterparty_name=onward_name),
        ]
    )  # fmt: skip
    funds.add_victim_transfer(case, None, account=first, at=at, amount_fen=fen)


@pytest.fixture
def three(county):
    a, b, c = _case(county, "Z-A", 5000), _case(county, "Z-B", 3000), _case(county, "Z-C", 4000)
    _traced(a, "6222000000000001", 5000, MULE)
    _traced(b, "6222000000000002", 3000, MULE, hour=15)
    _traced(c, "6222000000000003", 4000, "6228480099998888777")
    return a, b, c


def test_two_traces_through_one_second_level_account_link_their_cases(three, client_for, users):
    a, b, c = three
    assert sorted(ChainAccount.objects.filter(case=a).values_list("account", "level")) == [
        ("6222000000000001", 1),
        (MULE, 2),
    ]
    cluster = Cluster.objects.get()
    assert (cluster.pk, cluster.size) == (a.pk, 2)
    assert set(Member.objects.values_list("case_id", flat=True)) == {a.pk, b.pk}
    assert list(Link.objects.values_list("low_id", "high_id", "kind", "value")) == [
        (a.pk, b.pk, "funds", MULE)
    ]
    assert Key.objects.get(case_id=b.pk, value=MULE).level == 2
    assert not Member.objects.filter(case_id=c.pk).exists()
    # a recompute ends where the traces left it
    state = sorted(Key.objects.values_list("case_id", "kind", "value", "level"))
    series.rebuild()
    assert sorted(Key.objects.values_list("case_id", "kind", "value", "level")) == state
    assert Cluster.objects.get().size == 2

    admin = client_for("county_admin")
    page = admin.get(f"/series/clusters/{cluster.pk}/").content.decode()
    assert "资金链" in page and mask_account(MULE) in page and MULE not in page
    assert f"资金链 {mask_account(MULE)}（二级 / 二级）" in page
    assert "二级账户" in page
    panel = admin.get(f"/series/cases/{a.pk}/panel/").content.decode()
    assert (
        "资金链" in panel and "（本案二级账户）" in panel and "彼案二级" in panel and b.case_number in panel
    )
    # the 一级 accounts are each one case's: shown on the panel, linking nothing
    assert "仅本案持有" in panel


def test_a_payment_institution_or_a_listed_account_links_nobody(county, users, client_for):
    a, b = _case(county, "P-A", 5000), _case(county, "P-B", 3000)
    _traced(a, "6222000000000011", 5000, TENPAY, "财付通支付科技有限公司")
    _traced(b, "6222000000000012", 3000, TENPAY, "财付通支付科技有限公司", hour=15)
    assert not ChainAccount.objects.filter(account=TENPAY).exists()
    assert not Cluster.objects.exists()

    c, d = _case(county, "P-C", 5000), _case(county, "P-D", 3000)
    _traced(c, "6222000000000013", 5000, MULE)
    _traced(d, "6222000000000014", 3000, MULE, hour=15)
    assert Cluster.objects.get().size == 2
    series.add_to_whitelist(users["county_admin"], "bank", MULE, "某商户收款账户")
    assert not Cluster.objects.exists() and not Link.objects.exists()
    panel = client_for("county_admin").get(f"/series/cases/{c.pk}/panel/").content.decode()
    assert "列入不串并标识（某商户收款账户）" in panel


def test_a_trace_run_again_updates_the_links(three, client_for):
    a, b, c = three
    # c's money now shows going on to the mule too (a corrected statement): the page's trace relinks it
    Transfer.objects.filter(statement__case=c, direction="out").update(counterparty=MULE)
    assert not Member.objects.filter(case_id=c.pk).exists()
    officer = client_for("station_officer")
    assert officer.get(f"/funds/cases/{c.pk}/").status_code == 200
    assert Cluster.objects.get().size == 3
    # a trace by another method shows, but does not change the links
    Transfer.objects.filter(statement__case=c, direction="out").update(counterparty="6228480099998888777")
    assert officer.get(f"/funds/cases/{c.pk}/?method=lifo").status_code == 200
    assert Cluster.objects.get().size == 3
    assert officer.get(f"/funds/cases/{c.pk}/").status_code == 200
    assert Cluster.objects.get().size == 2 and not Member.objects.filter(case_id=c.pk).exists()


def test_an_account_in_more_than_k_traces_links_nothing(three, county, monkeypatch):
    a, b, c = three
    monkeypatch.setattr(series, "shared_limit", lambda: 2)
    d = _case(county, "Z-D", 2000)
    _traced(d, "6222000000000004", 2000, MULE, hour=16)
    assert not Link.objects.filter(value=MULE).exists() and not Cluster.objects.exists()
    assert Key.objects.filter(kind="funds", value=MULE).count() == 3
