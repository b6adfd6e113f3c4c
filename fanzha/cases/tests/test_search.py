"""Searching by a full ID number or phone would confirm to whoever typed it that the person is a
victim: only holders of cases.view_pii match on those fields; everyone matches case numbers."""

import pytest
from django.urls import reverse

from fanzha.cases.tests.builders import add_cases

ID_NUMBER, PHONE = "11010519491231002X", "13800138000"


@pytest.fixture
def case(county):
    return add_cases(county["v1"], "2024-03-05", victim_id_number=ID_NUMBER, victim_phone=PHONE)[0]


def _api_numbers(client, q):
    response = client.get("/api/cases/", {"q": q})
    assert response.status_code == 200
    return [row["case_number"] for row in response.json()["results"]]


@pytest.mark.parametrize("q", [ID_NUMBER, ID_NUMBER.lower(), PHONE])
def test_without_view_pii_personal_data_does_not_match(client_for, case, q):
    grid = client_for("grid_worker")  # the case lies in the grid worker's own village
    assert _api_numbers(grid, q) == []
    page = grid.get(reverse("cases:list"), {"q": q}).content.decode()
    assert case.case_number not in page


@pytest.mark.parametrize("q", [ID_NUMBER, ID_NUMBER.lower(), PHONE])
def test_with_view_pii_personal_data_matches(client_for, case, q):
    officer = client_for("station_officer")
    assert _api_numbers(officer, q) == [case.case_number]
    assert case.case_number in officer.get(reverse("cases:list"), {"q": q}).content.decode()


def test_everyone_finds_a_case_by_its_number(client_for, case):
    assert _api_numbers(client_for("grid_worker"), case.case_number) == [case.case_number]
