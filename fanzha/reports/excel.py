"""The same tables as the Word 通报, one sheet each, for the people who work in Excel. Text is written
as text, never as a formula or a link (core/formulas.py): unit names come from imported files."""

import io
from pathlib import Path

import xlsxwriter

from fanzha.core.formulas import neutralise
from fanzha.reports.content import Content, draft_content
from fanzha.reports.monthly import MonthlyReport


def render_xlsx(content: Content) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False})
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    summary = workbook.add_worksheet("概况")
    summary.set_column(0, 0, 100)
    summary.write_string(
        0, 0, neutralise(content.title), workbook.add_format({"bold": True, "font_size": 14})
    )
    summary.write_string(1, 0, neutralise(f"{content.issuer} {content.number} {content.dated}"))
    wrap = workbook.add_format({"text_wrap": True})
    line = 2
    for section in content.sections:
        for text in [section.heading, *section.paragraphs]:
            summary.write_string(line, 0, neutralise(text), wrap)
            line += 1
    for section in content.sections:
        for table in section.tables:
            sheet = workbook.add_worksheet(_sheet_name(table.heading))
            sheet.write_row(0, 0, [neutralise(label) for label in table.columns], header)
            for index, row in enumerate(table.rows, start=1):
                sheet.write_row(index, 0, [_number(v) for v in row], cell)
            for column, label in enumerate(table.columns):
                width = max([len(label) * 2 + 2] + [min(len(r[column]) * 2, 60) for r in table.rows])
                sheet.set_column(column, column, width)
            sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _sheet_name(heading: str) -> str:
    """「（一）各派出所发案情况」 → 「各派出所发案情况」; Excel allows 31 characters and no []:*?/\\."""
    name = heading.split("）", 1)[1] if heading.startswith("（") else heading
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]


def write_monthly_xlsx(report: MonthlyReport, path: Path) -> Path:
    path = Path(path)
    path.write_bytes(render_xlsx(draft_content(report)))
    return path


def _number(text: str):
    """Counts and amounts as numbers, so Excel can sum them; everything else as text that never runs."""
    if text.isdigit():
        return int(text)
    if text.replace(".", "", 1).isdigit():
        return float(text)
    return neutralise(text)
