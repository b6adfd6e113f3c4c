"""The error workbook: the rejected rows as the user wrote them, each bad cell filled red with the
reason as a cell comment, and a last column 错误说明 listing every reason of the row; an ID Excel
stored as a number goes back as that number. Written in
openpyxl's write-only mode, so a file with a hundred thousand rejected rows stays cheap. Every cell goes
through `formulas.neutralise`: openpyxl writes text beginning with = as a live formula."""

from collections import defaultdict
from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from fanzha.core.formulas import neutralise
from fanzha.core.idcard import EXCEL_NUMBER
from fanzha.imports.errors import RowError

BAD = PatternFill("solid", fgColor="FFC7CE")
BOLD = Font(bold=True)


def _text(value):
    """A cell as the workbook may hold it: formula-safe, and without the control characters XML
    cannot carry (one stray \x08 in an uploaded cell would otherwise fail the whole workbook)."""
    value = neutralise(value)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def _as_uploaded(value, error: RowError):
    """A cell the error names as read from an Excel number goes back as that number (a text cell of its
    digits would hide what is to be fixed: the column's format)."""
    if error.message == EXCEL_NUMBER and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def write_error_workbook(
    path: Path, headers: list[str], rejected: pl.DataFrame, errors: list[RowError]
) -> Path:
    """`rejected` holds the raw cells (c0..cN) and `_row` of every rejected row."""
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        by_row[error.row].append(error)
    column_of = {header: index for index, header in enumerate(headers)}

    book = Workbook(write_only=True)
    sheet = book.create_sheet("未导入的行")
    sheet.freeze_panes = "B2"

    def bold(value):
        cell = WriteOnlyCell(sheet, value=_text(value))
        cell.font = BOLD
        return cell

    sheet.append([bold("原行号"), *(bold(h) for h in headers), bold("错误说明")])
    present = [c for c in (f"c{i}" for i in range(len(headers))) if c in rejected.columns]
    written: set[int] = set()
    for record in rejected.select("_row", *present).iter_rows():
        row_number, values = record[0], [_text(value) for value in record[1:]]
        written.add(row_number)
        row_errors = by_row.get(row_number, [])
        cells: list = [row_number, *values, _text("；".join(str(e) for e in row_errors))]
        for error in row_errors:
            index = column_of.get(error.column)
            if index is None:
                continue
            value = values[index] if index < len(values) else None
            cell = WriteOnlyCell(sheet, value=_as_uploaded(value, error))
            cell.fill = BAD
            cell.comment = Comment(_text(error.message), "Fanzha")
            cells[index + 1] = cell
        sheet.append(cells)
    # whole-file errors, and any error whose row is not among the rejected rows, on a sheet of their own
    others = [e for e in errors if e.row not in written]
    if others:
        other = book.create_sheet("其他错误")
        other.append(["错误说明"])
        for error in others:
            other.append([_text(str(error))])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
