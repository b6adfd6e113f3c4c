"""The Word template a monthly 通报 is written into. The office may restyle it: put its own copy at
$FANZHA_DATA_DIR/templates/monthly.docx (styles 通报标题, 通报正文, 通报小标题 and 通报表格 are used).
`python -m fanzha.reports.template` rebuilds the shipped copy."""

from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from fanzha.reports.fonts import BODY_FONT, HEADING_FONT, TITLE_FONT, set_font

SHIPPED = Path(__file__).parent / "docx" / "monthly.docx"
STYLES = {
    "title": "通报标题",
    "body": "通报正文",
    "heading": "通报小标题",
    "table": "通报表格",
    "note": "通报注释",
}


def template_path() -> Path:
    custom = Path(settings.DATA_DIR) / "templates" / "monthly.docx"
    return custom if custom.exists() else SHIPPED


def build(path: Path = SHIPPED) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, 公文 margins
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    styles = document.styles
    title = styles.add_style(STYLES["title"], WD_STYLE_TYPE.PARAGRAPH)
    set_font(title, TITLE_FONT, 22)  # 二号
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    body = styles.add_style(STYLES["body"], WD_STYLE_TYPE.PARAGRAPH)
    set_font(body, BODY_FONT, 16)  # 三号
    body.paragraph_format.first_line_indent = Pt(32)
    body.paragraph_format.line_spacing = Pt(28)
    heading = styles.add_style(STYLES["heading"], WD_STYLE_TYPE.PARAGRAPH)
    set_font(heading, HEADING_FONT, 16)
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.space_before = Pt(6)
    note = styles.add_style(STYLES["note"], WD_STYLE_TYPE.PARAGRAPH)
    set_font(note, BODY_FONT, 10.5)
    table = styles.add_style(STYLES["table"], WD_STYLE_TYPE.PARAGRAPH)
    set_font(table, BODY_FONT, 10.5)  # 五号
    table.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


if __name__ == "__main__":
    import django

    django.setup()
    print(build())
