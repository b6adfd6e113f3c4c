"""The case export in Excel: amounts are numbers of yuan, times are Beijing dates, ages are numbers,
places carry their town; the same rows in CSV as text."""

import csv
import io
from datetime import datetime

import openpyxl

from fanzha.cases.tests.builders import add_cases


def test_case_export_cells_are_typed(county, users, client_for):
    add_cases(county["v2"], "2024-03-05", 2, loss_yuan=1234, station=county["s1"], victim_age=67)
    add_cases(county["c2"], "2024-03-06", 1, loss_yuan=10, station=county["s2"])
    client = client_for("county_admin")
    response = client.get("/cases/export/", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 3 and sheet.freeze_panes == "A2"
    assert sum(r["损失金额"] for r in rows) == 1234 * 2 + 10
    assert {r["发案地"] for r in rows} == {"青山镇新村", "河东街道新村"}
    assert {r["报案时间"] for r in rows} == {datetime(2024, 3, 5, 12, 0), datetime(2024, 3, 6, 12, 0)}
    assert sorted(r["年龄"] for r in rows if r["年龄"] is not None) == [67, 67]
    text = b"".join(client.get("/cases/export/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(text)))
    assert {line["损失金额"] for line in lines} == {"1234.00", "10.00"}
    assert {line["报案时间"] for line in lines} == {"2024-03-05 12:00", "2024-03-06 12:00"}
