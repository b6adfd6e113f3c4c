"""Writing a monthly 通报 into the office's Word template."""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from fanzha.reports.monthly import MonthlyReport
from fanzha.reports.tables import monthly_tables
from fanzha.reports.template import STYLES, template_path


def _borders(table) -> None:
    """Full page width and single lines around every cell, whatever the template's table styles are."""
    properties = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    properties.append(width)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    properties.append(borders)


def _cell(cell, text: str, style_id: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    # the style id directly: python-docx's lookup by name walks every style each time
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
    run = paragraph.add_run(text)
    run.bold = bold


def write_monthly_docx(report: MonthlyReport, path: Path) -> Path:
    document = Document(str(template_path()))
    table_style = document.styles[STYLES["table"]].style_id
    document.add_paragraph(report.title, style=STYLES["title"])
    document.add_paragraph(report.summary(), style=STYLES["body"])
    for table in monthly_tables(report):
        document.add_paragraph(table.heading, style=STYLES["heading"])
        if not table.rows:
            document.add_paragraph(table.empty, style=STYLES["body"])
            continue
        grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        _borders(grid)
        for column, label in enumerate(table.columns):
            _cell(grid.rows[0].cells[column], label, table_style, bold=True)
        for index, row in enumerate(table.rows, start=1):
            cells = grid.rows[index].cells
            for column, text in enumerate(row):
                _cell(cells[column], text, table_style)
    document.add_paragraph(
        "注：发案数不含撤案案件；万人发案数＝发案数÷当年人口×10000；“与自身历史相比”以本单位近12个月平均发案为基准，"
        "按泊松分布95%范围判断，仅供研判参考，不改变排名与通报规则。",
        style=STYLES["note"],
    )
    path = Path(path)
    document.save(str(path))
    return path
