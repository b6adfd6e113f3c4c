"""Writing a table as an .xlsx workbook, streamed: the zip is produced piece by piece as the rows
come, so a 100,000-row export starts downloading at once and never sits whole in memory.

Cells are typed by their Python value, so Excel sums, sorts and filters them as it should:
an int, float or Decimal is a number; a `Money` (fen) is a number of yuan shown 0.00; a `Percent`
is a percentage (79.99 → 79.99%); a date or an aware datetime is a date (Beijing time); anything
else is text, passed through `formulas.neutralise` so that no cell runs as a formula. The header row
is bold and frozen, and each column is as wide as its header and the first rows need.

A workbook is a zip of a few XML parts; the worksheet is written with inline strings (no shared
string table to hold in memory), one style sheet with the seven formats used here."""

import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from xml.sax.saxutils import escape

from django.utils import timezone

from fanzha.core.formulas import TRIGGERS, neutralise
from fanzha.core.money import format_yuan

SAMPLE_ROWS = 500  # rows read before writing, to size the columns
MAX_WIDTH = 60
CHUNK_ROWS = 2000
_EPOCH = date(1899, 12, 30)


class Money(int):
    """An amount in fen, written as a number of yuan (12345 → 123.45)."""

    def __str__(self) -> str:
        return format_yuan(int(self), grouping=False)


class Percent(Decimal):
    """A percentage as its figure (79.99 for 79.99 %); keeps the decimals it was given."""

    def __str__(self) -> str:
        return Decimal.__str__(self)


# style ids in styles.xml below
TEXT, BOLD, NUMBER, MONEY, PERCENT, DAY, MOMENT = range(1, 8)


def text_of(value) -> str:
    """A cell's text, for CSV and for sizing columns."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if value.tzinfo
            else f"{value:%Y-%m-%d %H:%M}"
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _width(text: str) -> int:
    """Excel's character units: a CJK character is about two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


_BEIJING_SECONDS = 8 * 3600
_UNIX_EPOCH_SERIAL = 25569  # 1970-01-01 as an Excel day number


def _serial(value) -> float:
    """An Excel day number; an aware time is written as Beijing wall time (UTC+8 since 1992; earlier
    dates go through the time zone database, which knows the summer times of 1986–1991)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            if value.year >= 1992:
                return (value.timestamp() + _BEIJING_SECONDS) / 86400 + _UNIX_EPOCH_SERIAL
            value = timezone.localtime(value)
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return (value.date() - _EPOCH).days + seconds / 86400
    return float((value - _EPOCH).days)


# markup escaped and the characters XML 1.0 forbids dropped, in one pass
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{chr(c): None for c in (*range(9), 11, 12, *range(14, 32))}}
)
_SPACES = (" ", "\t", "\n", "\r", "\u3000")


def _text(value: str, style: int = TEXT) -> str:
    if value.startswith(TRIGGERS):
        value = neutralise(value)
    text = value.translate(_XML_TEXT)
    if text.startswith(_SPACES) or text.endswith(_SPACES):
        return f'<c s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'


# a cell by the type of its value; the cells carry no reference (r="B2"): each follows the one before
_WRITERS = {
    str: _text,
    int: lambda v: f'<c s="{NUMBER}"><v>{v}</v></c>',
    float: lambda v: f'<c s="{NUMBER}"><v>{v!r}</v></c>',
    Decimal: lambda v: f'<c s="{NUMBER}"><v>{v}</v></c>',
    Money: lambda v: f'<c s="{MONEY}"><v>{int(v) / 100}</v></c>',
    Percent: lambda v: f'<c s="{PERCENT}"><v>{v / 100}</v></c>',
    bool: lambda v: _text("是" if v else "否"),
    datetime: lambda v: f'<c s="{MOMENT}"><v>{_serial(v)}</v></c>',
    date: lambda v: f'<c s="{DAY}"><v>{_serial(v)}</v></c>',
}
_EMPTY = "<c/>"


def _cell(value) -> str:
    if value is None or value == "":
        return _EMPTY
    writer = _WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    if isinstance(value, int):  # an int subclass: IntEnum and the like
        return f'<c s="{NUMBER}"><v>{int(value)}</v></c>'
    return _text(str(value))


def _sheet_head(widths: list[int]) -> str:
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{min(MAX_WIDTH, w + 2)}" customWidth="1"/>'
        for i, w in enumerate(widths)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>"
    )


def _rows_xml(rows: Iterable[list], first: int) -> str:
    cell = _cell
    return "".join(
        f'<row r="{number}">{"".join([cell(value) for value in row])}</row>'
        for number, row in enumerate(rows, start=first)
    )


def _header_xml(header: list) -> str:
    return f'<row r="1">{"".join(_text(text_of(title), BOLD) for title in header)}</row>'


def _workbook(sheet_name: str) -> str:
    name = escape(re.sub(r"[\[\]:*?/\\]", "", sheet_name)[:31] or "Sheet1", {'"': "&quot;"})
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
# cellXfs: 0 default, 1 text (@), 2 bold, 3 number (General), 4 money, 5 percent, 6 date, 7 date and time
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0##%"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/>'
    "</numFmts>"
    '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class _Pipe:
    """What the zip writes into; the generator hands on what has gathered."""

    def __init__(self):
        self.pieces: list[bytes] = []

    def write(self, data) -> int:
        self.pieces.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.pieces = b"".join(self.pieces), []
        return data


def stream(rows: Iterable[list], sheet_name: str) -> Iterator[bytes]:
    """The workbook's bytes, in pieces, for `rows` (the header first)."""
    rows = iter(rows)
    header = next(rows, [])
    sample = list(islice(rows, SAMPLE_ROWS))
    widths = [_width(text_of(title)) for title in header]
    for row in sample:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], _width(text_of(value)))
    columns = max([len(header), *(len(row) for row in sample)], default=0)
    widths += [8] * (columns - len(widths))

    pipe = _Pipe()
    book = zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
    for name, text in (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/workbook.xml", _workbook(sheet_name)),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
    ):
        book.writestr(name, text)
    yield pipe.take()
    with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write((_sheet_head(widths) + _header_xml(header)).encode())
        sheet.write(_rows_xml(sample, 2).encode())
        number = 2 + len(sample)
        while chunk := list(islice(rows, CHUNK_ROWS)):
            sheet.write(_rows_xml(chunk, number).encode())
            number += len(chunk)
            yield pipe.take()
        sheet.write(b"</sheetData></worksheet>")
    book.close()
    yield pipe.take()
