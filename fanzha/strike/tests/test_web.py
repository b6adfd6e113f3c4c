"""The desk's pages and API: scope (404 for whoever the request is not addressed to or placed with),
the bank liaison's confirmation, the case panel's freeze made for another case, documents, figures and
the deadlines command."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document

from fanzha.accounts.api_tokens import issue_token
from fanzha.accounts.models import User
from fanzha.audit.models import AccessLog
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.core import clock
from fanzha.imports.runner import run_import
from fanzha.strike import services
from fanzha.strike.models import Kind, State
from fanzha.strike.tests import factory
from fanzha.strike.tests.factory import T0

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(county, users):
    bank = factory.bank(county)
    other_bank = factory.bank(county, "361123B02", "县建设银行")
    case = factory.case(county, account="6222021234567890")
    account = factory.account(bank, holder_id="")
    with clock.frozen(T0):
        request = services.record_request(
            users["station_officer"], case, account, Kind.STOP, "phone", 5_000_000
        )
    return {
        "bank": bank,
        "liaison": factory.liaison(bank),
        "other_liaison": factory.liaison(other_bank, "other_bank_liaison"),
        "case": case,
        "account": account,
        "request": request,
    }


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def test_outsiders_get_404_on_the_page_and_the_api(desk, users, county):
    officer_s2 = User(username="officer_s2", org=county["s2"], role="station_officer")
    officer_s2.set_password("x-Test-passw0rd")
    officer_s2.save()
    pk = desk["request"].pk
    for user in (desk["other_liaison"], officer_s2, users["grid_worker"]):
        assert client_of(user).get(f"/strike/requests/{pk}/").status_code == 404, user
        assert (
            client_of(user).post(f"/strike/requests/{pk}/", {"action": "confirm", "amount": "1"}).status_code
            == 404
        )
        assert client_of(user).get(f"/reports/strike/{pk}/?doc=notice").status_code == 404
        token = issue_token(user)
        api = Client(HTTP_AUTHORIZATION=f"Token {token}")
        assert api.get(f"/api/strike/requests/{pk}/").status_code == 404, user
        assert api.post(f"/api/strike/requests/{pk}/confirm/", {"amount_fen": 1}).status_code == 404
    assert State.PENDING == desk["request"].__class__.objects.get(pk=pk).state
    # the addressed bank's liaison and the station's officer reach it
    assert client_of(desk["liaison"]).get(f"/strike/requests/{pk}/").status_code == 200
    assert client_of(users["station_officer"]).get(f"/strike/requests/{pk}/").status_code == 200
    token = issue_token(desk["liaison"])
    listed = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/strike/requests/").json()
    assert [row["id"] for row in listed["results"]] == [pk]
    assert listed["results"][0]["account"] == "6222********7890"
    token = issue_token(desk["other_liaison"])
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/strike/requests/").json()["results"] == []


def test_the_liaison_confirms_with_the_amount_and_signs_for_the_documents(desk):
    pk = desk["request"].pk
    liaison = client_of(desk["liaison"])
    page = liaison.get("/strike/bank/").content.decode()
    assert f'data-request="{pk}"' in page and "6222********7890" in page
    with clock.frozen(T0 + timedelta(minutes=20)):
        assert (
            liaison.post(f"/strike/requests/{pk}/", {"action": "confirm", "amount": "4.8万"}).status_code
            == 302
        )
        assert liaison.post(f"/strike/requests/{pk}/", {"action": "receive"}).status_code == 302
    request = desk["request"].__class__.objects.get(pk=pk)
    assert (request.state, request.held_fen) == (State.IN_FORCE, 4_800_000)
    assert request.documents_received_at == request.documents_delivered_at == T0 + timedelta(minutes=20)
    # the liaison may not act as the officer (renew, release)
    assert liaison.post(f"/strike/requests/{pk}/", {"action": "renew", "channel": "phone"}).status_code == 403


def test_a_bad_amount_is_a_clear_message_and_changes_nothing(desk):
    pk = desk["request"].pk
    response = client_of(desk["liaison"]).post(
        f"/strike/requests/{pk}/", {"action": "confirm", "amount": "abc"}, follow=True
    )
    assert "金额：无法识别的金额「abc」" in response.content.decode()
    assert desk["request"].__class__.objects.get(pk=pk).state == State.PENDING


def test_the_account_is_clear_only_on_request_and_logged(desk, users):
    pk = desk["request"].pk
    officer = client_of(users["station_officer"])
    assert "6222021234567890" not in officer.get(f"/strike/requests/{pk}/").content.decode()
    before = AccessLog.objects.count()
    assert "6222021234567890" in officer.get(f"/strike/requests/{pk}/?clear=1").content.decode()
    assert AccessLog.objects.count() == before + 1


def test_the_desk_is_sorted_by_time_left_and_coloured(desk, users, county):
    later_case = factory.case(county, "A2024009")
    with clock.frozen(T0 + timedelta(hours=10)):
        services.record_request(
            users["station_officer"], later_case, desk["account"], Kind.FREEZE, "phone", 100
        )
    with clock.frozen(T0 + timedelta(hours=22, minutes=30)):
        page = client_of(users["station_officer"]).get("/strike/").content.decode()
    first, second = page.index("A2024001"), page.index("A2024009")
    assert first < second
    assert f'class="table-warning" data-request="{desk["request"].pk}"' in page
    with clock.frozen(T0 + timedelta(hours=25)):
        page = client_of(users["station_officer"]).get("/strike/").content.decode()
        assert f'class="table-danger" data-request="{desk["request"].pk}"' in page
        assert "法律文书超时未送达" in page and "城关派出所 <strong>1</strong>" in page


def test_the_case_page_shows_a_freeze_made_for_another_case(desk, users, county):
    # a case of the other station holds the same account, written another way
    other = factory.case(county, "B2024001", station="s2", place="c1", account="6222021234567890")
    with clock.frozen(T0):
        services.confirm(desk["liaison"], desk["request"], 4_000_000)
    officer_s2 = User(username="officer_s2", org=county["s2"], role="station_officer")
    officer_s2.save()
    panel = client_of(officer_s2).get(f"/strike/cases/{other.pk}/panel/").content.decode()
    assert "该账户已因另案紧急止付" in panel
    assert "城关派出所" in panel and "2024-03-05" in panel and "辖区外案件" in panel
    assert "A2024001" not in panel and "40,000.00" not in panel
    admin_panel = client_of(users["county_admin"]).get(f"/strike/cases/{other.pk}/panel/").content.decode()
    assert "A2024001" in admin_panel and "40,000.00" in admin_panel
    # the loader block sits on the case page
    assert (
        f"/strike/cases/{other.pk}/panel/"
        in client_of(officer_s2).get(f"/cases/{other.pk}/").content.decode()
    )
    # a grid worker gets a 404 on the panel of a case outside their village
    assert client_of(users["grid_worker"]).get(f"/strike/cases/{other.pk}/panel/").status_code == 404


def test_documents_render_and_mask_for_the_reader(desk, users):
    pk = desk["request"].pk
    response = client_of(users["station_officer"]).get(f"/reports/strike/{pk}/?doc=notice")
    assert response.status_code == 200
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(b"".join(response.streaming_content))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "6222021234567890" in text and "A2024001" in text
    assert AccessLog.objects.filter(model="strike.strikerequest", action="export").count() == 1
    assert client_of(users["station_officer"]).get(f"/reports/strike/{pk}/?doc=nope").status_code == 404


def test_home_page_shows_what_is_due(desk, users):
    with clock.frozen(T0 + timedelta(hours=23)):
        page = client_of(users["station_officer"]).get("/").content.decode()
    assert 'id="strike-due"' in page and "2小时内到期 <strong>1</strong>" in page


def test_deadlines_command_json(desk):
    out = io.StringIO()
    with clock.frozen(T0 + timedelta(hours=30)):
        call_command("strike", "deadlines", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["id"], r["state"], r["case"]) for r in rows] == [(desk["request"].pk, "overdue", "A2024001")]
    assert rows[0]["left"] == "超时 6小时0分"


def test_figures_per_station_and_month(desk, users):
    with clock.frozen(T0 + timedelta(minutes=45)):
        services.confirm(desk["liaison"], desk["request"], 4_000_000)
        services.deliver_documents(users["station_officer"], desk["request"])
    page = client_of(users["county_admin"]).get("/strike/figures/?period=2024-03").content.decode()
    assert (
        "<td>城关派出所</td><td>2024-03</td><td>1</td><td>40,000.00</td><td>0.00</td><td>100.0</td><td>45</td>"
        in page
    )


def test_a_case_imported_with_an_account_frozen_for_another_victim_shows_the_freeze(
    desk, users, county, tmp_path
):
    """Issue 15, done when: the imported case shows the freeze (and the series: tests/)."""
    with clock.frozen(T0):
        services.confirm(desk["liaison"], desk["request"], 4_000_000)
    header = [*HEADER, "嫌疑人账户"]
    line = [*row(number="C2024100", place="361123001001"), "6222-0212-3456-7890"]
    result = run_import(CaseImporter(users["county_admin"]), write_csv(tmp_path / "台账.csv", header, [line]))
    assert result.committed, [str(e) for e in result.errors]
    imported = Case.objects.get(case_number="C2024100")
    assert imported.station == county["s2"]
    admin = client_of(users["county_admin"])
    page = admin.get(f"/cases/{imported.pk}/").content.decode()
    assert (
        f"/strike/cases/{imported.pk}/panel/" in page
    )  # the series panel: tests/test_strike_desk_and_series.py
    panel = admin.get(f"/strike/cases/{imported.pk}/panel/").content.decode()
    assert "该账户已因另案紧急止付" in panel and "A2024001" in panel


def test_the_return_page_shows_the_arithmetic_then_makes_the_requests(desk, users, county):
    other = factory.case(county, "B2024001", station="s2", place="c1", loss_fen=1_000_000)
    officer = users["station_officer"]
    with clock.frozen(T0):
        freeze = services.record_request(
            officer, desk["case"], desk["account"], Kind.FREEZE, "counter", 100_000
        )
        services.confirm(desk["liaison"], freeze, 100_000)
        services.confirm(
            desk["liaison"],
            services.record_request(officer, other, desk["account"], Kind.FREEZE, "counter", 100_000),
            100_000,
        )
    page = client_of(officer)
    url = f"/strike/requests/{freeze.pk}/return/"
    shown = page.get(url).content.decode()
    assert "A2024001" in shown and "辖区外案件（河东派出所）" in shown and "B2024001" not in shown
    form = {f"loss-{desk['case'].pk}": "3000", f"loss-{other.pk}": "1,000", "save": "0"}
    shown = page.post(url, form).content.decode()
    assert "1,000.00元 × 3,000.00元 ÷ 4,000.00元 = 750.0000元 → 750.00元" in shown
    bad = page.post(url, {**form, f"loss-{other.pk}": "一千"}).content.decode()
    assert "辖区外案件（河东派出所） 被骗金额：无法识别的金额「一千」" in bad
    assert page.post(url, {**form, "save": "1"}).status_code == 302
    shares = sorted(
        freeze.followers.filter(kind=Kind.RETURN).values_list("case__case_number", "requested_fen")
    )
    assert shares == [("A2024001", 75_000), ("B2024001", 25_000)]
    assert client_of(users["grid_worker"]).get(url).status_code == 404


def test_lapse_command_answers_json(desk):
    with clock.frozen(T0):
        services.confirm(desk["liaison"], desk["request"], 100)
    out = io.StringIO()
    with clock.frozen(T0 + timedelta(hours=49)):
        call_command("strike", "lapse", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {"lapsed": 1}
