from rest_framework.test import APIClient

from fanzha.accounts.api_tokens import issue_token
from fanzha.assessment.escalations import run_escalations
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user)}")
    return client


def test_ranking_api_matches_the_cli_fields(county, users):
    add_cases(county["v1"], "2024-03-05", 3)
    rows = _api(users["station_officer"]).get("/api/ranking/?period=2024-03&level=station").json()
    first = rows[0]
    assert first["code"] == "361123S01" and first["cases"] == 3 and first["cases_per_10k"] == "8.57"
    for field in (
        "loss_yuan",
        "population",
        "cases_last_year",
        "cases_yoy_pct",
        "loss_last_year_yuan",
        "loss_yoy_pct",
        "rank_cases",
        "rank_loss",
        "rank_per_10k",
    ):
        assert field in first
    assert _api(users["county_admin"]).get("/api/ranking/?period=2024-14").status_code == 400


def test_indicators_api_is_scoped(county, users):
    add_cases(county["v1"], "2024-03-05", 3)
    assert _api(users["town_staff"]).get("/api/indicators/361123100000/?period=2024Q1").json()["cases"] == 3
    assert _api(users["town_staff"]).get("/api/indicators/361123001000/?period=2024Q1").status_code == 404


def test_escalations_api_lists_and_acts(county, users):
    add_cases(county["c1"], "2024-03-05", 1, loss_yuan=500_000)
    run_escalations(Period.parse("2024-03"))
    admin = _api(users["county_admin"])
    [item] = admin.get("/api/escalations/?kind=major_case_review").json()["results"]
    assert (
        _api(users["station_officer"]).get(f"/api/escalations/{item['id']}/").status_code == 404
    )  # 河东's case
    response = admin.post(
        f"/api/escalations/{item['id']}/act/", {"status": "closed", "note": "已倒查"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert _api(users["unit_liaison"]).get("/api/escalations/").status_code == 403
