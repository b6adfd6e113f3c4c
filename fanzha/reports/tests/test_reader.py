"""The monthly 通报 downloaded from the web is county-wide, but names only the 倒查 cases (≥50万)
the reader may see; the others' numbers are left out."""

import io

import openpyxl
import pytest

from fanzha.cases.tests.builders import add_cases

SHEET = "全环节倒查案件（损失50万元以上）"


@pytest.fixture
def major_cases(county):
    near = add_cases(county["v1"], "2024-03-12", loss_yuan=600_000)[0]
    far = add_cases(county["c1"], "2024-03-20", loss_yuan=800_000)[0]
    return near, far


def _reviews(client) -> list[str]:
    response = client.get("/reports/monthly/", {"period": "2024-03", "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))[SHEET]
    return sorted(str(sheet.cell(row, 1).value) for row in range(2, sheet.max_row + 1))


def test_a_grid_worker_sees_only_their_own_case_numbers(client_for, major_cases):
    near, far = major_cases
    assert _reviews(client_for("grid_worker")) == sorted([near.case_number, "（辖区外案件）"])


def test_the_county_office_sees_every_case_number(client_for, major_cases):
    near, far = major_cases
    assert _reviews(client_for("county_admin")) == sorted([near.case_number, far.case_number])
