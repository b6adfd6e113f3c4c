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

from fanzha.core.formulas import neutralise
from fanzha.core.money import format_yuan

SAMPLE_ROWS = 500  # rows read before writing, to size the columns
MAX_WIDTH = 60
CHUNK_ROWS = 2000
_EPOCH = date(1899, 12, 30)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _serial(value) -> float:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value)
        day = value.date()
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return (day - _EPOCH).days + seconds / 86400
    return float((value - _EPOCH).days)


def _text_cell(ref: str, value: str, style: int) -> str:
    text = neutralise(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _cell(ref: str, value) -> str:
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        return _text_cell(ref, value, TEXT)
    if kind is Money:
        return f'<c r="{ref}" s="{MONEY}"><v>{int(value) / 100}</v></c>'
    if kind is int or kind is float:
        return f'<c r="{ref}" s="{NUMBER}"><v>{value}</v></c>'
    if kind is Percent:
        return f'<c r="{ref}" s="{PERCENT}"><v>{value / 100}</v></c>'
    if kind is Decimal:
        return f'<c r="{ref}" s="{NUMBER}"><v>{value}</v></c>'
    if kind is bool:
        return _text_cell(ref, "是" if value else "否", TEXT)
    if kind is datetime:
        return f'<c r="{ref}" s="{MOMENT}"><v>{_serial(value)}</v></c>'
    if kind is date:
        return f'<c r="{ref}" s="{DAY}"><v>{_serial(value)}</v></c>'
    if isinstance(value, int):  # an int subclass: IntEnum and the like
        return f'<c r="{ref}" s="{NUMBER}"><v>{int(value)}</v></c>'
    return _text_cell(ref, str(value), TEXT)


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


def _rows_xml(rows: Iterable[list], first: int, letters: list[str]) -> str:
    parts = []
    for number, row in enumerate(rows, start=first):
        cells = "".join(_cell(f"{letters[i]}{number}", value) for i, value in enumerate(row))
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts)


def _header_xml(header: list, letters: list[str]) -> str:
    cells = "".join(_text_cell(f"{letters[i]}1", text_of(title), BOLD) for i, title in enumerate(header))
    return f'<row r="1">{cells}</row>'


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
    letters = [_column_letter(i) for i in range(max(columns, 1))]

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
        sheet.write((_sheet_head(widths) + _header_xml(header, letters)).encode())
        sheet.write(_rows_xml(sample, 2, letters).encode())
        number = 2 + len(sample)
        while chunk := list(islice(rows, CHUNK_ROWS)):
            longest = max(len(row) for row in chunk)
            while len(letters) < longest:
                letters.append(_column_letter(len(letters)))
            sheet.write(_rows_xml(chunk, number, letters).encode())
            number += len(chunk)
            yield pipe.take()
        sheet.write(b"</sheetData></worksheet>")
    book.close()
    yield pipe.take()
