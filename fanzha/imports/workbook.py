"""The error workbook: the rejected rows as the user wrote them, each bad cell filled red with the
reason as a cell comment, and a last column 错误说明 listing every reason of the row."""

from collections import defaultdict
from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from fanzha.imports.errors import RowError

BAD = PatternFill("solid", fgColor="FFC7CE")
BOLD = Font(bold=True)


def write_error_workbook(
    path: Path, headers: list[str], rejected: pl.DataFrame, errors: list[RowError]
) -> Path:
    """`rejected` holds the raw cells (c0..cN) and `_row` of every rejected row."""
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        by_row[error.row].append(error)
    column_of = {header: index for index, header in enumerate(headers)}

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "未导入的行"
    sheet.append(["原行号", *headers, "错误说明"])
    for cell in sheet[1]:
        cell.font = BOLD
    cells = [f"c{i}" for i in range(len(headers))]
    present = [c for c in cells if c in rejected.columns]
    for out_index, record in enumerate(rejected.select("_row", *present).iter_rows(), start=2):
        row_number, values = record[0], record[1:]
        row_errors = by_row.get(row_number, [])
        sheet.append([row_number, *values, "；".join(str(e) for e in row_errors)])
        for error in row_errors:
            index = column_of.get(error.column)
            if index is None:
                continue
            cell = sheet.cell(row=out_index, column=index + 2)
            cell.fill = BAD
            cell.comment = Comment(error.message, "Fanzha")
    # whole-file errors and errors for rows that are not in `rejected` (never expected) still show
    orphans = [e for e in errors if e.row not in set(rejected["_row"].to_list())]
    if orphans:
        other = book.create_sheet("其他错误")
        other.append(["错误说明"])
        for error in orphans:
            other.append([str(error)])
    sheet.freeze_panes = "B2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
