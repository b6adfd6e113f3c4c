"""Writing a 通报 into the office's Word template: a red letterhead (发文机关, 期号), the title, the
依据 sentence, numbered sections and tables, 落款 and date, page numbers in the footer. Tables are laid
out fixed, each column as wide as its longest cell (a unit's name never breaks: no 「城东派/出所」),
long text columns taking what is left; headings keep with what follows them, so none is left alone at
the foot of a page, and a table's header row repeats on each page it spans."""

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from fanzha.reports.content import Content, draft_content
from fanzha.reports.fonts import BODY_FONT, TITLE_FONT, set_font
from fanzha.reports.monthly import MonthlyReport
from fanzha.reports.template import STYLES, template_path

RED = RGBColor(0xD0, 0x00, 0x00)
CM_PER_PT = 2.54 / 72
CELL_PADDING_CM = 0.19  # each side, set on every table (Word's default)
SIZES_PT = (10.5, 9)  # 五号, and 小五 for a table that cannot fit its columns otherwise
HEADER_WRAP = 4  # a header may wrap after this many characters; a cell's text never
NARROW_CHARS = 14  # a column whose longest cell is this short (a unit's name) keeps its natural width
SLACK_CM = 0.15  # per column: a substituted font runs a little wider than the estimate


def _borders(table) -> None:
    """Single lines around every cell, fixed layout, fixed cell margins, whatever the template's
    table styles are."""
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(CELL_PADDING_CM / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)


def text_width(text: str) -> float:
    """In Chinese characters: a CJK character or 「%」 is 1, a digit, letter or sign 0.65 (generous, so
    that a substituted font still fits)."""
    return sum(1.0 if ord(ch) > 0x2E7F or ch in "%@WM" else 0.65 for ch in text)


def column_widths(
    columns: list[str], rows: list[list[str]], available_cm: float
) -> tuple[list[float], float]:
    """(widths in cm, font size in pt): each column as wide as its longest cell, the header wrapping
    after four characters; long text columns (a 依据) share what the short ones leave; spare width is
    shared in proportion."""
    chars = []
    for index, label in enumerate(columns):
        chars.append(max([min(text_width(label), HEADER_WRAP)] + [text_width(row[index]) for row in rows]))
    short = [i for i, n in enumerate(chars) if n <= NARROW_CHARS]

    def natural_at(size: float) -> list[float]:
        return [n * size * CM_PER_PT + 2 * CELL_PADDING_CM + SLACK_CM for n in chars]

    # every cell on one line at 五号, else at 小五; else the short columns on one line (五号, then
    # 小五) with the long ones wrapping in what is left; else everything scaled to the page
    fits_all = [size for size in SIZES_PT if sum(natural_at(size)) <= available_cm]
    fits_short = [
        size
        for size in SIZES_PT
        if sum(natural_at(size)[i] for i in short) + 2.5 * (len(chars) - len(short)) <= available_cm
        and len(short) < len(chars)
    ]
    size = (fits_all or fits_short or [SIZES_PT[-1]])[0]
    natural = natural_at(size)
    total = sum(natural)
    if fits_all or not fits_short:
        return [w * available_cm / total for w in natural], size
    fixed = sum(natural[i] for i in short)
    spare, long_total = available_cm - fixed, total - fixed
    return [natural[i] if i in short else natural[i] * spare / long_total for i in range(len(chars))], size


def _cell(cell, text: str, style_id: str, size_pt: float, bold: bool = False, width_cm: float | None = None):
    paragraph = cell.paragraphs[0]
    # the style id directly: python-docx's lookup by name walks every style each time
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
    run = paragraph.add_run(text)
    run.bold = bold
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if size_pt != SIZES_PT[0]:
        run.font.size = Pt(size_pt)
    if width_cm is not None:
        cell.width = Cm(width_cm)


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page_number_footer(section) -> None:
    """「— 1 —」 centred at the foot of every page (公文 style)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" —")
    for run in paragraph.runs:
        set_font(run, BODY_FONT, 14)


def _letterhead(document, content: Content) -> None:
    issuer = document.add_paragraph(style=STYLES["title"])
    run = issuer.add_run(content.issuer)
    set_font(run, TITLE_FONT, 26)
    run.font.color.rgb = RED
    number = document.add_paragraph(content.number, style=STYLES["body"])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    rule = number._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", "D00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    rule.append(border)


def _table(document, table, style_id: str, available_cm: float) -> None:
    widths, size = column_widths(table.columns, table.rows, available_cm)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _borders(grid)
    for column, label in enumerate(table.columns):
        _cell(grid.rows[0].cells[column], label, style_id, size, bold=True, width_cm=widths[column])
    _repeat_header(grid.rows[0])
    for index, row in enumerate(table.rows, start=1):
        grid.rows[index]._tr.get_or_add_trPr().append(
            OxmlElement("w:cantSplit")
        )  # a row never breaks across pages
        cells = grid.rows[index].cells
        for column, text in enumerate(row):
            _cell(cells[column], text, style_id, size, width_cm=widths[column])
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)


def render_docx(content: Content) -> bytes:
    document = Document(str(template_path()))
    page = document.sections[0]
    available_cm = (page.page_width - page.left_margin - page.right_margin) / 360000
    table_style = document.styles[STYLES["table"]].style_id
    _page_number_footer(page)
    _letterhead(document, content)
    title = document.add_paragraph(style=STYLES["title"])
    name, _, period = content.title.partition("（")
    title.add_run(name)
    if period:  # the period on a line of its own rather than wherever the title happens to wrap
        title.add_run().add_break()
        title.add_run(f"（{period}")
    *addressee, intro = content.intro.split("\n")
    for line in addressee:  # 主送机关 of a 报告, flush left
        document.add_paragraph(line, style=STYLES["body"]).paragraph_format.first_line_indent = Pt(0)
    document.add_paragraph(intro, style=STYLES["body"])
    for section in content.sections:
        _keep_with_next(document.add_paragraph(section.heading, style=STYLES["heading"]))
        for text in section.paragraphs:
            document.add_paragraph(text, style=STYLES["body"])
        for table in section.tables:
            heading = document.add_paragraph(table.heading, style=STYLES["body"])
            _keep_with_next(heading)
            if not table.rows:
                document.add_paragraph(table.empty, style=STYLES["body"])
                continue
            _table(document, table, table_style, available_cm)
            # a small gap under the table; also lets LibreOffice keep the next heading with what follows
            gap = document.add_paragraph(style=STYLES["note"])
            gap.paragraph_format.space_after = Pt(0)
    document.add_paragraph(content.note, style=STYLES["note"])
    for text in ("", content.signatory, content.dated):
        closing = document.add_paragraph(text, style=STYLES["body"])
        closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        closing.paragraph_format.right_indent = Pt(32)
        _keep_with_next(closing)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_monthly_docx(report: MonthlyReport, path: Path) -> Path:
    """A draft 通报 of a report as it stands (the letterhead says 草稿): what `fanzha report` writes."""
    path = Path(path)
    path.write_bytes(render_docx(draft_content(report)))
    return path
