"""串并案: normal forms, the linking rule, incremental linking on save and import, the cluster page
and its scope, the analysts' decisions surviving a recompute, the exports and the search."""

import csv
import io

import numpy as np
import pytest
from django.test import Client
from openpyxl import load_workbook

from fanzha.accounts.api_tokens import issue_token
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.cases.services import save_case
from fanzha.cases.tests.builders import add_cases
from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.imports.models import ImportBatch
from fanzha.imports.runner import run_import
from fanzha.series import keys, rules, services
from fanzha.series.models import Cluster, Cut, Key, Link, Member, WhitelistEntry

ACCOUNT = "6222000011112222"


def _cases(place, day, count, identifiers, **fields):
    """`count` cases holding these (ledger kind, value) identifiers, linked as a save would."""
    made = add_cases(place, day, count, **fields)
    for case in made:
        for kind, value in identifiers:
            SuspectIdentifier.objects.create(case=case, kind=kind, value=value)
    services.relink([c.pk for c in made])
    return made


def _state():
    return (
        sorted(Key.objects.values_list("case_id", "kind", "value")),
        sorted(Link.objects.values_list("low_id", "high_id", "kind", "value")),
        sorted(Member.objects.values_list("case_id", "cluster_id")),
        sorted(Cluster.objects.values_list("id", "size")),
    )


@pytest.mark.parametrize(
    ("kind", "written", "expected"),
    [
        ("phone", "+86 139-0000-0000", ("phone", "13900000000")),
        ("phone", "（139）0000 0000", ("phone", "13900000000")),
        ("phone", "0086 13900000000", ("phone", "13900000000")),
        ("phone", "(0571) 8888-1234", ("phone", "057188881234")),
        ("account", "6222 0000-1111 2222", ("bank", ACCOUNT)),
        ("account", "Pay@Example.COM", ("payment", "pay@example.com")),
        ("url", "HTTPS://WWW.Pay.Example.com/x/?id=1#top", ("url", "pay.example.com/x")),
        ("url", "pay.example.com/x", ("url", "pay.example.com/x")),
        ("social", "QQ：123456", ("social", "123456")),
        ("social", "微信号 WXID_abc", ("social", "wxid_abc")),
    ],
)
def test_normal_forms(kind, written, expected):
    assert keys.keys_of([(kind, written)]) == {expected}


def test_a_search_tries_every_kind():
    assert ("phone", "13900000000") in keys.search_keys(" +86 139 0000 0000 ")
    assert ("bank", ACCOUNT) in keys.search_keys("6222-0000-1111-2222")
    assert keys.search_keys("  ") == set()


def test_the_linking_rule():
    assert rules.links(2, 50, False) and rules.links(50, 50, False)
    assert not rules.links(1, 50, False)  # alone
    assert not rules.links(51, 50, False)  # a hotline
    assert not rules.links(2, 50, True)  # whitelisted
    labels = rules.components(np.array([5, 9, 11, 12]), np.array([5, 11]), np.array([9, 12]))
    assert labels.tolist() == [5, 5, 11, 11]


def test_a_saved_case_is_linked_at_once_and_the_panel_says_by_what(county, client_for, users):
    first = _cases(county["v1"], "2024-03-05", 1, [("phone", "13900000000")])[0]
    case = Case(
        case_number="NEW1",
        reported_at=first.reported_at,
        place=county["v2"],
        fraud_type=first.fraud_type,
    )
    save_case(users["county_admin"], case, [("phone", "+86 139-0000-0000"), ("url", "http://a.example.com")])
    cluster = Cluster.objects.get()
    assert (cluster.pk, cluster.size) == (first.pk, 2)
    panel = client_for("town_staff").get(f"/series/cases/{case.pk}/panel/").content.decode()
    assert "与1起案件串并" in panel
    assert '电话</span> <span class="">13900000000</span>：' in panel
    assert f'href="/cases/{first.pk}/">{first.case_number}</a>' in panel
    assert f"/series/clusters/{cluster.pk}/" in panel
    detail = client_for("town_staff").get(f"/cases/{case.pk}/").content.decode()
    assert f'hx-get="/series/cases/{case.pk}/panel/"' in detail and "串并案线索" not in detail


def test_an_edit_that_removes_the_shared_identifier_splits_the_cluster(county, users):
    a, b, c = _cases(county["v1"], "2024-03-05", 3, [("phone", "13900000000")])
    assert Cluster.objects.get().size == 3
    save_case(users["county_admin"], c, [("phone", "13700000000")])
    assert Cluster.objects.get().size == 2
    assert not Member.objects.filter(case_id=c.pk).exists()
    assert _state() == (lambda: (services.rebuild(), _state())[1])()


def test_an_identifier_over_k_or_whitelisted_is_shown_but_links_nothing(
    county, client_for, users, monkeypatch
):
    monkeypatch.setattr(services, "shared_limit", lambda: 3)
    made = _cases(county["v1"], "2024-03-05", 4, [("phone", "95588")])
    assert not Link.objects.exists() and not Cluster.objects.exists()
    panel = client_for("county_admin").get(f"/series/cases/{made[0].pk}/panel/").content.decode()
    assert "4 起案件共用，超过 3 起（多为客服热线或大型商户），不作串并" in panel
    assert made[1].case_number not in panel

    pair = _cases(county["v1"], "2024-03-06", 2, [("url", "https://shop.example.com")])
    assert Cluster.objects.get().size == 2
    admin = client_for("county_admin")
    response = admin.post(
        "/series/whitelist/", {"kind": "url", "value": "HTTP://www.shop.example.com/", "note": "某商城"}
    )
    assert response.status_code == 302
    entry = WhitelistEntry.objects.get()
    assert (entry.kind, entry.value) == ("url", "shop.example.com")
    assert not Cluster.objects.exists()  # relinked at once
    assert ObjectChange.objects.filter(model="series.whitelistentry", action="create").count() == 1
    panel = admin.get(f"/series/cases/{pair[0].pk}/panel/").content.decode()
    assert "列入不串并标识（某商城）" in panel
    refused = admin.post("/series/whitelist/", {"kind": "bank", "value": "not an account!", "note": "x"})
    assert "不是有效的银行卡/账户" in refused.content.decode()
    admin.post(f"/series/whitelist/{entry.pk}/remove/", {"reason": "商城已关停"})
    assert Cluster.objects.get().size == 2
    assert (
        client_for("station_officer")
        .post("/series/whitelist/", {"kind": "url", "value": "a.cn", "note": "x"})
        .status_code
        == 404
    )


def test_a_cut_and_a_confirmation_survive_the_recompute(county, client_for):
    a, b = _cases(county["v1"], "2024-03-05", 2, [("account", ACCOUNT)])
    c = _cases(county["v2"], "2024-03-06", 1, [("account", ACCOUNT), ("phone", "13600000000")])[0]
    d = _cases(county["v2"], "2024-03-07", 1, [("phone", "13600000000")])[0]
    cluster = Cluster.objects.get()
    assert (cluster.pk, cluster.size) == (a.pk, 4)
    admin = client_for("county_admin")
    assert (
        admin.post(f"/series/clusters/{a.pk}/confirm/", {"reason": "同一收款账户，同一话术"}).status_code
        == 302
    )
    assert Cluster.objects.get().confirmed_size == 4
    # cut c–d: d is alone now; the cut is audited and stays after a full recompute
    assert (
        admin.post(
            f"/series/clusters/{a.pk}/cut/", {"low": c.pk, "high": d.pk, "reason": "号码为共用座机"}
        ).status_code
        == 302
    )
    assert Cut.objects.filter(low_id=c.pk, high_id=d.pk).exists()
    assert ObjectChange.objects.filter(model="series.cut").count() == 1
    assert Cluster.objects.get().size == 3
    before = _state()
    services.rebuild()
    assert _state() == before
    cluster = Cluster.objects.get()
    assert cluster.confirmed_at is not None and cluster.confirm_reason == "同一收款账户，同一话术"
    page = admin.get(f"/series/clusters/{a.pk}/").content.decode()
    assert "号码为共用座机" in page and "已确认" in page
    # a reason is required
    admin.post(f"/series/clusters/{a.pk}/cut/", {"low": a.pk, "high": b.pk, "reason": ""})
    assert Cut.objects.count() == 1
    # restore: linked again
    admin.post(
        f"/series/clusters/{a.pk}/restore/", {"cut": Cut.objects.get().pk, "reason": "核实为嫌疑人号码"}
    )
    assert Cluster.objects.get().size == 4 and not Cut.objects.exists()
    # a station officer may not decide
    assert (
        client_for("station_officer")
        .post(f"/series/clusters/{a.pk}/confirm/", {"reason": "好的"})
        .status_code
        == 403
    )


def test_outside_the_subtree_a_linked_case_is_its_station_and_day_only(county, client_for, users):
    inside = _cases(
        county["v1"],
        "2024-03-05",
        1,
        [("phone", "13900000000")],
        victim_name="甲某",
        victim_phone="13811112222",
    )[0]
    far = _cases(
        county["c1"],
        "2024-03-07",
        1,
        [("phone", "13900000000"), ("account", "6222999988887777")],
        victim_name="乙某某",
        victim_id_number="110105194912310021",
        victim_phone="13955556666",
        loss_yuan=88888,
    )[0]
    far_only = Case.objects.filter(pk=far.pk)
    secrets = [far.case_number, "乙某某", "110105194912310021", "13955556666", "6222999988887777", "8888"]
    officer = client_for("station_officer")
    cluster = Cluster.objects.get()
    page = officer.get(f"/series/clusters/{cluster.pk}/?reveal=1").content.decode()
    assert inside.case_number in page and "辖区外案件" in page and "河东派出所" in page
    assert "2024-03-07" in page
    for secret in secrets:
        assert secret not in page, secret
    panel = officer.get(f"/series/cases/{inside.pk}/panel/?reveal=1").content.decode()
    assert "辖区外案件</span> · 河东派出所 · 2024-03-07" in panel
    for secret in secrets:
        assert secret not in panel, secret
    for fmt in ("xlsx", "gephi-nodes", "gephi-edges", "i2-entities", "i2-links"):
        response = officer.get(f"/series/clusters/{cluster.pk}/export/?as={fmt}&clear=1")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.getvalue()
        text = _cells(body) if fmt == "xlsx" else body.decode("utf-8-sig")
        for secret in secrets:
            assert secret not in text, (fmt, secret)
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['station_officer'])}")
    data = api.get(f"/api/series/clusters/{cluster.pk}/").content.decode()
    assert "河东派出所" in data
    for secret in secrets:
        assert secret not in data, secret
    found = api.get("/api/series/search/", {"identifier": "+86 139 0000 0000"}).json()
    assert [h["holders"] for h in found] == [2]
    for secret in secrets:
        assert secret not in str(found), secret
    # the county office sees all of it
    admin_page = client_for("county_admin").get(f"/series/clusters/{cluster.pk}/").content.decode()
    assert far.case_number in admin_page
    # a cluster with no case in the reader's subtree is a 404 (page, API, exports, decisions)
    far_pair = _cases(county["c1"], "2024-03-08", 2, [("social", "qq:777777")])
    other = Cluster.objects.get(pk=far_pair[0].pk)
    assert officer.get(f"/series/clusters/{other.pk}/").status_code == 404
    assert officer.get(f"/series/clusters/{other.pk}/export/?as=xlsx").status_code == 404
    assert api.get(f"/api/series/clusters/{other.pk}/").status_code == 404
    assert officer.get(f"/series/cases/{far.pk}/panel/").status_code == 404
    assert far_only.exists()


def _cells(body: bytes) -> str:
    book = load_workbook(io.BytesIO(body), read_only=True)
    return "\n".join(
        str(v) for sheet in book for r in sheet.iter_rows(values_only=True) for v in r if v is not None
    )


def test_exports_write_documented_columns_and_neutralise_formulas(county, client_for):
    a, b = _cases(county["v1"], "2024-03-05", 2, [("url", "=cmd.example.com"), ("phone", "13900000000")])
    admin = client_for("county_admin")
    response = admin.get(f"/series/clusters/{a.pk}/export/?as=gephi-nodes")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Id", "Label", "Type", "Station", "Date"]
    assert {r[0] for r in rows[1:]} >= {f"案件:{a.case_number}", f"案件:{b.case_number}", "电话:13900000000"}
    edges = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    admin.get(f"/series/clusters/{a.pk}/export/?as=gephi-edges").streaming_content
                ).decode("utf-8-sig")
            )
        )
    )
    assert edges[0] == ["Source", "Target", "Type", "Weight", "Label"] and len(edges) == 5
    links = list(
        csv.reader(
            io.StringIO(
                b"".join(admin.get(f"/series/clusters/{a.pk}/export/?as=i2-links").streaming_content).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert links[0] == ["From Entity ID", "To Entity ID", "Link Type", "Label"]
    text = _cells(admin.get(f"/series/clusters/{a.pk}/export/?as=xlsx").getvalue())
    assert "'=cmd.example.com" in text or "网址 '=cmd" in text
    assert AccessLog.objects.filter(model="series.cluster", action="export").count() == 4
    assert admin.get(f"/series/clusters/{a.pk}/export/?as=pdf").status_code == 404


def test_an_import_links_its_rows_and_says_how_many_joined(county, tmp_path, users):
    old = _cases(county["v1"], "2024-03-01", 1, [("phone", "13900000000")])[0]
    path = write_csv(
        tmp_path / "台账.csv",
        HEADER,
        [
            row(number="I1", suspects="+86 139 0000 0000"),
            row(number="I2", suspects="13500000000", id_number=""),
            row(number="I3", suspects="135-0000-0000", id_number=""),
        ],
    )
    result = run_import(CaseImporter(users["county_admin"]), path)
    assert result.committed, result.errors
    assert result.notes == ["1 行并入已有串并案（与导入前已有的案件共用嫌疑人标识）"]
    assert ImportBatch.objects.get().notes == result.notes
    i1 = Case.objects.get(case_number="I1")
    assert Member.objects.get(case_id=i1.pk).cluster_id == old.pk
    assert sorted(Cluster.objects.values_list("size", flat=True)) == [2, 2]
    before = _state()
    services.rebuild()
    assert _state() == before


def test_search_finds_an_identifier_written_any_way(county, client_for):
    a, b = _cases(county["v1"], "2024-03-05", 2, [("phone", "+8613900000000")])
    page = client_for("town_staff").get("/series/search/", {"q": "139-0000-0000"}).content.decode()
    assert a.case_number in page and b.case_number in page and f"串并案组 {a.pk}号" in page
    assert "没有案件持有" in client_for("town_staff").get("/series/search/", {"q": "12345"}).content.decode()
    pair = _cases(county["v1"], "2024-03-06", 2, [("account", ACCOUNT)])
    by_account = {"q": "6222 0000 1111 2222"}
    assert (
        pair[0].case_number
        not in client_for("town_staff").get("/series/search/", by_account).content.decode()
    )
    assert (
        pair[0].case_number
        in client_for("station_officer").get("/series/search/", by_account).content.decode()
    )
    home = client_for("town_staff").get("/series/").content.decode()
    assert 'action="/series/search/"' in home


def test_the_command_rebuilds_as_json(county, capsys):
    import json

    from django.core.management import call_command

    _cases(county["v1"], "2024-03-05", 3, [("phone", "13900000000")])
    Link.objects.all().delete()
    call_command("series", "rebuild", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert (data["keys"], data["links"], data["clusters"]) == (3, 3, 1)
    assert set(data["seconds"]) == {"read", "compute", "write"}


def test_k_is_a_county_setting_and_a_new_k_recomputes_at_once(
    county, users, django_capture_on_commit_callbacks
):
    from fanzha.parameters import config

    assert config.OPTIONS[services.SHARED_LIMIT].default == rules.SHARED_LIMIT_DEFAULT == 50
    made = _cases(county["v1"], "2024-03-05", 3, [("phone", "13900000000")])
    assert Cluster.objects.get().size == 3
    with django_capture_on_commit_callbacks(execute=True):
        config.change(services.SHARED_LIMIT, 2, users["county_admin"], "测试")
    assert not Cluster.objects.exists() and made  # three cases share it: more than K = 2


def test_linking_case_by_case_ends_where_the_full_recompute_does(county, users, monkeypatch):
    """Random saves, edits, a cut and a low K: the incremental path (merges and local recomputes)
    leaves exactly the keys, links, members and clusters a full recompute makes."""
    import random

    monkeypatch.setattr(services, "shared_limit", lambda: 4)
    rng = random.Random(5)
    phones = [f"1390000{n:04d}" for n in range(10)]
    urls = [f"http://s{n}.example.com" for n in range(6)]
    fraud_type = add_cases(county["v1"], "2024-03-05", 1)[0].fraud_type
    made = []
    for n in range(36):
        picks = [("phone", rng.choice(phones))] + ([("url", rng.choice(urls))] if rng.random() < 0.5 else [])
        if made and rng.random() < 0.25:  # an edit of an earlier case
            case = rng.choice(made)
            save_case(users["county_admin"], case, picks)
        else:
            case = Case(
                case_number=f"R{n:03d}",
                reported_at="2024-03-05T12:00:00+08:00",
                place=county["v1"] if n % 2 else county["c1"],
                fraud_type=fraud_type,
            )
            made.append(save_case(users["county_admin"], case, picks))
        if n == 20 and Link.objects.exists():
            link = Link.objects.order_by("low_id", "high_id").first()
            services.cut_link(users["county_admin"], link.low_id, link.high_id, "测试断开")
    incremental = _state()
    assert incremental[3], "the random ledger made no cluster"
    services.rebuild()
    assert _state() == incremental
