"""East Asian fonts in Word: python-docx sets only the Latin font; Chinese text follows w:eastAsia,
which is set here so that 仿宋/黑体 show in Word and WPS (and LibreOffice substitutes them)."""

from docx.oxml.ns import qn
from docx.shared import Pt

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


def set_font(style_or_run, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = name
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    properties = style_or_run.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
