"""Excel as Excel: numbers, amounts, percentages and dates are typed cells (SUM works), columns are
sized, the header is frozen, text is neutralised, and the workbook streams in pieces."""

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from openpyxl.cell.cell import TYPE_FORMULA

from fanzha.core import xlsx
from fanzha.core.periods import BEIJING
from fanzha.core.xlsx import Money, Percent


def workbook(rows, name="表"):
    pieces = list(xlsx.stream(rows, name))
    return pieces, openpyxl.load_workbook(io.BytesIO(b"".join(pieces)))


def test_cells_are_typed_and_the_sheet_is_laid_out():
    rows = [
        ["单位", "发案数", "损失金额", "覆盖率", "报案时间", "日期", "万人发案数", "备注"],
        [
            "城关镇邵家村",
            3,
            Money(1234567),
            Percent("79.99"),
            datetime(2024, 3, 5, 14, 20, tzinfo=BEIJING),
            date(2024, 3, 5),
            Decimal("1.25"),
            "=SUM(A1)",
        ],
        ["河东街道新村", 4, Money(5), Percent("100.0"), None, None, None, True],
    ]
    _, book = workbook(rows, "发案排名")
    sheet = book.active
    assert sheet.title == "发案排名"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    b2, c2, d2, e2, f2, g2, h2 = (sheet[f"{c}2"] for c in "BCDEFGH")
    assert (b2.value, b2.data_type) == (3, "n")
    assert (c2.value, c2.number_format) == (12345.67, "#,##0.00")
    assert (d2.value, d2.number_format) == (0.7999, "0.0##%")
    assert e2.value == datetime(2024, 3, 5, 14, 20) and e2.number_format == "yyyy-mm-dd hh:mm"
    assert f2.value == datetime(2024, 3, 5) and f2.number_format == "yyyy-mm-dd"
    assert g2.value == 1.25
    assert h2.value == "'=SUM(A1)" and h2.data_type != TYPE_FORMULA
    assert sheet["H3"].value == "是" and sheet["E3"].value is None
    assert sum(sheet[f"B{r}"].value for r in (2, 3)) == 7
    assert sheet["C3"].value == 0.05
    # columns as wide as their text: a CJK character counts twice
    assert sheet.column_dimensions["A"].width == len("城关镇邵家村") * 2 + 2
    assert sheet.column_dimensions["B"].width == len("发案数") * 2 + 2


def test_a_long_table_streams_in_pieces():
    rows = [["编号", "金额"], *([f"A{n}", Money(n)] for n in range(xlsx.SAMPLE_ROWS + 3 * xlsx.CHUNK_ROWS))]
    pieces, book = workbook(rows)
    assert len([p for p in pieces if p]) >= 4
    sheet = book.active
    assert sheet.max_row == len(rows)
    assert sheet.cell(row=len(rows), column=2).value == (len(rows) - 2) / 100


def test_control_characters_and_markup_are_written_safely():
    _, book = workbook([["文本"], ["a<b>&\x01c"], [" 前后空格 "]])
    assert book.active["A2"].value == "a<b>&c"
    assert book.active["A3"].value == " 前后空格 "
