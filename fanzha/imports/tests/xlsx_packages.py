"""Writing .xlsx packages by hand for reader tests: the few parts Excel needs, with a worksheet
streamed in pieces, so a test can build a zip bomb or a huge cell without keeping a binary."""

import zipfile
from xml.sax.saxutils import escape

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"


def inline(ref: str, text: str) -> bytes:
    """An inline-string cell (<c t="inlineStr">)."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'.encode()


def shared(ref: str, index: int) -> bytes:
    """A cell showing shared string `index` (<c t="s">)."""
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'.encode()


def write(path, rows, shared_strings=(), big=None):
    """`rows`: lists of cell XML; `big`: (row number, cell reference, pieces of text) for one inline
    string written piece by piece after the rows."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        items = "".join(f"<si><t>{escape(t)}</t></si>" for t in shared_strings)
        z.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD)
            for number, cells in enumerate(rows, 1):
                sheet.write(f'<row r="{number}">'.encode() + b"".join(cells) + b"</row>")
            if big:
                number, ref, pieces = big
                sheet.write(f'<row r="{number}"><c r="{ref}" t="inlineStr"><is><t>'.encode())
                for piece in pieces:
                    sheet.write(piece)
                sheet.write(b"</t></is></c></row>")
            sheet.write(SHEET_TAIL)
    return path
