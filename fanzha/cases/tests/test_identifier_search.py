"""Cases found by a suspect identifier however it is written (the first step of 串并案), from the
list page and the API; an account only by those who may see accounts."""

from fanzha.accounts.api_tokens import issue_token
from fanzha.cases.identifiers import search_forms
from fanzha.cases.models import SuspectIdentifier
from fanzha.cases.tests.builders import add_cases


def _series(county):
    first, second = add_cases(county["v1"], "2024-03-05", 2)
    other = add_cases(county["v2"], "2024-03-06", 1)[0]
    for case in (first, second):
        SuspectIdentifier.objects.create(case=case, kind="phone", value="13900000000")
    SuspectIdentifier.objects.create(case=second, kind="account", value="6222000011112222")
    SuspectIdentifier.objects.create(case=other, kind="url", value="http://pay.example.com/x")
    return first, second, other


def test_search_forms():
    assert ("phone", "13900000000") in search_forms("+86 139-0000-0000")
    assert ("phone", "13900000000") in search_forms("（139）0000 0000")
    assert ("url", "http://pay.example.com/x") in search_forms("HTTP://Pay.Example.com/x/")
    assert search_forms("   ") == set()


def test_the_list_finds_a_series_by_a_phone_written_any_way(county, client_for):
    first, second, other = _series(county)
    client = client_for("town_staff")
    page = client.get("/cases/", {"identifier": "+86 139-0000-0000"}).content.decode()
    assert first.case_number in page and second.case_number in page and other.case_number not in page
    assert "共 2 件" in page
    page = client.get("/cases/", {"identifier": "http://PAY.example.com/x/"}).content.decode()
    assert other.case_number in page and "共 1 件" in page


def test_an_account_is_searched_only_with_the_permission(county, client_for, users):
    _first, second, _other = _series(county)
    assert (
        "共 0 件"
        in client_for("town_staff").get("/cases/", {"identifier": "6222 0000 1111 2222"}).content.decode()
    )
    page = (
        client_for("station_officer").get("/cases/", {"identifier": "6222 0000 1111 2222"}).content.decode()
    )
    assert second.case_number in page and "共 1 件" in page
    api = {"HTTP_AUTHORIZATION": f"Token {issue_token(users['station_officer'])}"}
    from django.test import Client

    listed = Client(**api).get("/api/cases/", {"identifier": "6222-0000-1111-2222"}).json()
    assert [row["case_number"] for row in listed["results"]] == [second.case_number]


def test_the_narrative_keyword_filters(county, client_for):
    add_cases(county["v1"], "2024-03-05", 1, narrative="对方要求屏幕共享后转账")
    add_cases(county["v1"], "2024-03-06", 1, narrative="刷单")
    assert "共 1 件" in client_for("town_staff").get("/cases/", {"narrative": "屏幕共享"}).content.decode()


def test_the_org_page_case_panel_counts_the_units_cases(county, client_for):
    """The panel the org page loads from the case ledger (cases:unit): the unit's cases by year, as
    the rankings count a unit's cases (cases.queries.unit_filter); another subtree's unit is a 404."""
    add_cases(county["v1"], "2024-03-05", 2)
    add_cases(county["v2"], "2023-03-05", 1)
    add_cases(county["c1"], "2024-03-05", 5)
    town_staff = client_for("town_staff")
    page = town_staff.get(f"/cases/units/{county['town'].pk}/").content.decode()
    assert f'?town={county["town"].pk}">3</a>' in page
    assert "2024 年：2 件" in page and "2023 年：1 件" in page
    assert town_staff.get(f"/cases/units/{county['c1'].pk}/").status_code == 404
    detail = town_staff.get(f"/orgs/{county['town'].pk}/").content.decode()
    assert f'hx-get="/cases/units/{county["town"].pk}/"' in detail
