"""One 发案数 (issue 17 item 1): the same unit × period figure through every surface — the home page,
the ranking page and its API, the unit page, the case list, and the monthly 通报 read back from Word
and Excel — on the test county, with the cases that trip a second definition: 撤案, a case at
23:30 on the last day (Beijing), one ten minutes into the next month, and one of a member unit."""

import io
import re
from datetime import datetime

import openpyxl
import pytest
from django.test import Client
from docx import Document

from fanzha.accounts.api_tokens import issue_token
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.core import clock
from fanzha.core.periods import BEIJING

END_OF_MARCH = datetime(2024, 3, 31, 23, 50, tzinfo=BEIJING)
S1_MARCH = 6  # 城关派出所's March cases: 3 + 2 + the one at 23:30 on 31 March; not 撤案, not April's
COUNTY_MARCH = S1_MARCH + 3


@pytest.fixture
def march(county):
    add_cases(county["v1"], "2024-03-05", 3, loss_yuan=1_000)
    add_cases(county["v1"], "2024-03-06", 1, status="withdrawn")
    late = add_cases(county["v1"], "2024-03-31", 1)[0]
    early = add_cases(county["v1"], "2024-04-01", 1)[0]
    Case.objects.filter(pk=late.pk).update(reported_at=datetime(2024, 3, 31, 23, 30, tzinfo=BEIJING))
    Case.objects.filter(pk=early.pk).update(reported_at=datetime(2024, 4, 1, 0, 10, tzinfo=BEIJING))
    add_cases(county["v2"], "2024-03-20", 2, employer=county["school"], status="filed")
    add_cases(county["c1"], "2024-03-10", 2)
    add_cases(county["c1"], "2024-03-11", 1, status="solved")
    add_cases(county["c1"], "2024-03-12", 2, status="withdrawn")
    add_cases(county["v1"], "2023-03-10", 2)
    return county


def _station_cell(rows, name: str) -> int:
    [row] = [r for r in rows if r[1] == name]
    return int(row[2])


def test_every_surface_counts_the_same(march, users, client_for):
    s1 = march["s1"]
    officer, admin = client_for("station_officer"), client_for("county_admin")
    with clock.frozen(END_OF_MARCH):
        home = officer.get("/").content.decode()
        county_home = admin.get("/").content.decode()
    assert _shown(home, "month-cases") == S1_MARCH
    assert _shown(county_home, "month-cases") == COUNTY_MARCH

    page = admin.get("/assessment/ranking/", {"level": "station", "period": "2024-03"})
    [row] = [r for r in page.context["ranking"].rows if r.org_id == s1.pk]
    assert row.current.cases == S1_MARCH
    assert sum(r.current.cases for r in page.context["ranking"].rows) == COUNTY_MARCH

    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['county_admin'])}")
    rows = api.get("/api/ranking/", {"level": "station", "period": "2024-03"}).json()
    assert [r["cases"] for r in rows if r["code"] == s1.code] == [S1_MARCH]

    unit = officer.get(f"/assessment/units/{s1.code}/", {"period": "2024-03"}).content.decode()
    assert _shown(unit, "unit-cases") == S1_MARCH

    listed = 0
    for status in ("accepted", "filed", "solved"):  # every status but 撤案 (indicators.excluded_statuses)
        response = officer.get("/cases/", {"station": s1.pk, "month": "2024-03", "status": status})
        listed += response.context["page"].paginator.count
    assert listed == S1_MARCH

    word = admin.get("/reports/monthly/", {"kind": "monthly", "period": "2024-03", "format": "docx"})
    document = Document(io.BytesIO(b"".join(word.streaming_content)))
    stations = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert _station_cell(stations, "城关派出所") == S1_MARCH
    summary = next(p.text for p in document.paragraphs if p.text.startswith("2024年3月，全县"))
    assert f"共发生电信网络诈骗案件{COUNTY_MARCH}起" in summary

    excel = admin.get("/reports/monthly/", {"kind": "monthly", "period": "2024-03", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(excel.streaming_content)))["各派出所发案情况"]
    cells = [[str(c.value) for c in r] for r in sheet.iter_rows(min_row=2)]
    assert _station_cell(cells, "城关派出所") == S1_MARCH


def _shown(html: str, testid: str) -> int:
    """The figure a page shows in the element marked `data-testid` (bare or as a drill-down link)."""
    match = re.search(rf'data-testid="{testid}">(?:<a [^>]*>)?(\d+)<', html)
    assert match, f"{testid} not on the page"
    return int(match.group(1))
