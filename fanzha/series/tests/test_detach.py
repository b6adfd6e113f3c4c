"""移出此案: the county office takes one case out of a cluster with a reason; every link it had in the
cluster stays cut through a recompute, a save, a re-import and cases entered later that share the same
identifiers; the cluster's figures change; the case page says who, when and why; 撤销 restores it."""

import pytest
from django.test import Client

from fanzha.accounts.api_tokens import issue_token
from fanzha.audit.models import ObjectChange
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.cases.services import save_case
from fanzha.cases.tests.builders import add_cases
from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.imports.runner import run_import
from fanzha.series import queries, services
from fanzha.series.models import Cluster, Detachment, Key, Link, Member

PHONE = "13900000000"


def _cases(place, day, count, identifiers, **fields):
    made = add_cases(place, day, count, **fields)
    for case in made:
        for kind, value in identifiers:
            SuspectIdentifier.objects.create(case=case, kind=kind, value=value)
    services.relink([c.pk for c in made])
    return made


def _state():
    return (
        sorted(Key.objects.values_list("case_id", "kind", "value", "level")),
        sorted(Link.objects.values_list("low_id", "high_id", "kind", "value")),
        sorted(Member.objects.values_list("case_id", "cluster_id")),
        sorted(Cluster.objects.values_list("id", "size")),
    )


@pytest.fixture
def three(county):
    """Three cases sharing one phone (losses 1,000 / 2,000 / 30,000 元): one cluster; the third is the
    one taken out."""
    a = _cases(county["v1"], "2024-03-05", 1, [("phone", PHONE)], loss_yuan=1000)[0]
    b = _cases(county["v1"], "2024-03-06", 1, [("phone", PHONE)], loss_yuan=2000)[0]
    c = _cases(
        county["v2"], "2024-03-07", 1, [("phone", PHONE), ("url", "pay.example.com")], loss_yuan=30000
    )[0]
    return a, b, c


def test_detach_cuts_every_link_of_the_case_and_the_figures_follow(three, client_for, users):
    a, b, c = three
    cluster = Cluster.objects.get()
    admin = client_for("county_admin")
    before = queries.cluster_view(cluster, users["county_admin"])
    assert (len(before.cases), before.loss_fen) == (3, 33_000_00)

    response = admin.post(
        f"/series/clusters/{a.pk}/detach/", {"case": c.pk, "reason": "号码系被冒用，非同一团伙"}
    )
    assert response.status_code == 302 and response.url == f"/series/clusters/{a.pk}/"
    cluster = Cluster.objects.get()
    assert cluster.size == 2 and not Member.objects.filter(case_id=c.pk).exists()
    after = queries.cluster_view(cluster, users["county_admin"])
    assert (len(after.cases), after.loss_fen) == (2, 3_000_00)
    # one decision, one change row; the links stay stored (the page lists them as 移出)
    assert ObjectChange.objects.filter(model="series.detachment", action="create").count() == 1
    assert Link.objects.filter(high_id=c.pk).count() == 2
    detachment = Detachment.objects.get()
    assert (detachment.cluster_number, detachment.cluster_size, detachment.keys) == (
        a.pk,
        3,
        [["phone", PHONE]],
    )

    page = admin.get(f"/series/clusters/{a.pk}/").content.decode()
    assert 'data-testid="detached"' in page and c.case_number in page and "号码系被冒用，非同一团伙" in page
    assert 'data-testid="loss">3,000.00<' in page
    panel = admin.get(f"/series/cases/{c.pk}/panel/").content.decode()
    assert "移出串并案组" in panel and "county_admin" in panel and "号码系被冒用，非同一团伙" in panel
    assert "已移出" in panel and "撤销移出" in panel
    assert "暂未与其他案件串并" in panel

    # a reason is required
    admin.post(f"/series/clusters/{a.pk}/detach/", {"case": b.pk, "reason": " "})
    assert Detachment.objects.count() == 1 and Cluster.objects.get().size == 2


def test_a_detached_case_stays_out_through_rebuild_save_reimport_and_new_cases(county, users, tmp_path):
    path = write_csv(
        tmp_path / "台账.csv",
        HEADER,
        [
            row(number="I1", suspects=PHONE),
            row(number="I2", suspects=PHONE),
            row(number="I3", suspects=PHONE),
        ],
    )
    assert run_import(CaseImporter(users["county_admin"]), path).committed
    i1, i3 = (Case.objects.get(case_number=n) for n in ("I1", "I3"))
    cluster = Cluster.objects.get()
    assert cluster.size == 3
    services.detach_case(users["county_admin"], cluster, i3.pk, "另案，号码为借用")
    state = _state()
    assert Cluster.objects.get().size == 2

    services.rebuild()
    assert _state() == state

    save_case(users["county_admin"], i3, [("phone", "+86 139-0000-0000")])
    assert not Member.objects.filter(case_id=i3.pk).exists() and Cluster.objects.get().size == 2

    changed = write_csv(
        tmp_path / "台账2.csv",
        HEADER,
        [
            row(number="I1", suspects=PHONE),
            row(number="I2", suspects=PHONE),
            row(number="I3", suspects=PHONE, loss="8000"),
        ],
    )
    result = run_import(CaseImporter(users["county_admin"]), changed)
    assert result.committed, result.errors
    assert not Member.objects.filter(case_id=i3.pk).exists() and Cluster.objects.get().size == 2

    # a case entered later with the same phone joins the series; the detached case stays out
    later = _cases(county["v1"], "2024-04-01", 1, [("phone", PHONE)])[0]
    assert Member.objects.get(case_id=later.pk).cluster_id == i1.pk
    assert Cluster.objects.get().size == 3 and not Member.objects.filter(case_id=i3.pk).exists()
    state = _state()
    services.rebuild()
    assert _state() == state

    # new evidence it shares later links it as usual
    other = _cases(county["v1"], "2024-04-02", 1, [("url", "new.example.com")])[0]
    save_case(users["county_admin"], i3, [("phone", PHONE), ("url", "new.example.com")])
    assert Member.objects.get(case_id=i3.pk).cluster_id == Member.objects.get(case_id=other.pk).cluster_id
    assert Member.objects.get(case_id=i3.pk).cluster_id != i1.pk


def test_undo_restores_the_case(three, client_for):
    a, b, c = three
    admin = client_for("county_admin")
    admin.post(f"/series/clusters/{a.pk}/detach/", {"case": c.pk, "reason": "非同一团伙"})
    detachment = Detachment.objects.get()
    response = admin.post(f"/series/detachments/{detachment.pk}/undo/", {"reason": "复核后确认为同一团伙"})
    assert response.status_code == 302 and response.url == f"/cases/{c.pk}/"
    assert not Detachment.objects.exists()
    assert Cluster.objects.get().size == 3 and Member.objects.get(case_id=c.pk).cluster_id == a.pk
    assert ObjectChange.objects.filter(model="series.detachment", action="delete").count() == 1


def test_detaching_the_earliest_case_renumbers_and_keeps_the_confirmation(three, users):
    a, b, c = three
    cluster = Cluster.objects.get()
    services.confirm_cluster(users["county_admin"], cluster, "同一号码，同一话术")
    services.detach_case(users["county_admin"], cluster, a.pk, "与本系列无关")
    cluster = Cluster.objects.get()
    assert (cluster.pk, cluster.size) == (b.pk, 2)
    assert cluster.confirm_reason == "同一号码，同一话术"
    # the confirmation's move is in the decision's change row
    change = ObjectChange.objects.get(model="series.detachment", action="create")
    assert change.after["confirmation_kept_by"] == b.pk


def test_only_the_county_office_detaches_and_only_its_cases(three, county, client_for, users):
    a, b, c = three
    officer = client_for("station_officer")
    assert (
        officer.post(f"/series/clusters/{a.pk}/detach/", {"case": c.pk, "reason": "非同一团伙"}).status_code
        == 403
    )
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['station_officer'])}")
    answer = api.post(
        f"/api/series/clusters/{a.pk}/detach/",
        {"case_id": c.pk, "reason": "非同一团伙"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    # outside the reader's subtree the cluster is a 404 whatever the permission
    far = _cases(county["c1"], "2024-03-08", 2, [("social", "qq:777777")])
    grid = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['grid_worker'])}")
    assert (
        grid.post(
            f"/api/series/clusters/{far[0].pk}/detach/", {"case_id": far[1].pk, "reason": "理由"}
        ).status_code
        == 404
    )
    assert not Detachment.objects.exists()

    admin = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['county_admin'])}")
    # a case of another cluster is refused with a reason
    refused = admin.post(
        f"/api/series/clusters/{a.pk}/detach/",
        {"case_id": far[0].pk, "reason": "非同一团伙"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "不在本串并案组中" in refused.content.decode()
    made = admin.post(
        f"/api/series/clusters/{a.pk}/detach/",
        {"case_id": c.pk, "reason": "非同一团伙"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["cluster_size"] == 3 and Cluster.objects.get(pk=a.pk).size == 2
    undo = f"/api/series/detachments/{made.json()['id']}/undo/"
    assert api.post(undo, {"reason": "复核"}, content_type="application/json").status_code == 403
    assert admin.post(undo, {"reason": "复核"}, content_type="application/json").status_code == 204
    assert Cluster.objects.get(pk=a.pk).size == 3
