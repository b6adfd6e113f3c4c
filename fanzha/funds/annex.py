"""资金流向说明: the trace as a Word annex to the case file (python-docx, A4 with 公文 margins, like the
monthly 通报 in fanzha/reports): the method, the amounts per level, every hop in words, and the lists."""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fanzha.core import clock
from fanzha.core.money import format_yuan
from fanzha.core.periods import BEIJING
from fanzha.funds import tracing
from fanzha.funds.presenting import View

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, font: str = BODY_FONT, size: float = 16, bold=False, center=False):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.line_spacing = Pt(28) if size >= 14 else None
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2) if font == BODY_FONT else None
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, text in enumerate(header):
        _font(table.rows[0].cells[column].paragraphs[0].add_run(text), HEADING_FONT, 10.5)
    for index, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            _font(table.rows[index].cells[column].paragraphs[0].add_run(str(text)), BODY_FONT, 10.5)


def write_annex(view: View, path: Path) -> Path:
    trace = view.trace
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    case = view.data.case
    _paragraph(document, "资金流向说明", TITLE_FONT, 22, center=True)
    _paragraph(document, f"（案件编号：{case.case_number}）", BODY_FONT, 14, center=True)
    seeds = trace.seeds
    total = sum(seed.amount for seed in seeds)
    method = tracing.METHODS[trace.rules.method]
    _paragraph(
        document,
        f"受害人共转账{len(seeds)}笔，合计{format_yuan(total)}元。依据已调取的银行及支付机构交易明细，"
        f"按“{method}”方法确定各账户转出资金的归属，追踪至{view.trace.rules.hop_limit}级账户"
        f"（转入后{int(trace.rules.window.total_seconds() // 3600)}小时内的转出；低于{format_yuan(trace.rules.threshold)}元的流向不再追踪）。",
    )
    _paragraph(document, "一、各级账户", HEADING_FONT, 16)
    _table(
        document,
        ["层级", "账户数", "流入本案资金（元）"],
        [[lv["name"], str(lv["accounts"]), format_yuan(lv["amount"])] for lv in view.levels()],
    )
    _paragraph(document, "二、资金流向逐笔说明", HEADING_FONT, 16)
    for number, row in enumerate(view.explanations(), start=1):
        stop = f"（{row['stop']}）" if row["stop"] else ""
        _paragraph(document, f"{number}. {row['level_name']}：{row['text']}{stop}", BODY_FONT, 14)
    _paragraph(document, "三、建议止付冻结账户", HEADING_FONT, 16)
    freeze = view.freeze_rows()
    if freeze:
        _table(
            document,
            ["序号", "账号", "户名", "开户行", "本案资金（元）", "依据"],
            [
                [str(r["rank"]), r["account"], r["holder"], r["bank"], format_yuan(r["amount"]), r["basis"]]
                for r in freeze
            ],
        )
    else:
        _paragraph(document, "无。", BODY_FONT, 14)
    _paragraph(document, "四、建议调取流水的账户", HEADING_FONT, 16)
    requests = view.request_rows()
    if requests:
        _table(
            document,
            ["账号", "户名", "开户行", "流入本案资金（元）", "原因"],
            [
                [r["account"], r["holder"], r["bank"], format_yuan(r["received"]), r["reason"]]
                for r in requests
            ],
        )
    else:
        _paragraph(document, "无。", BODY_FONT, 14)
    _paragraph(
        document,
        f"说明：本说明由系统依据交易明细生成（{clock.now().astimezone(BEIJING):%Y年%m月%d日 %H:%M}），"
        "账户期初余额视为非本案资金；同一笔资金回流时可能在两个层级各计一次。",
        BODY_FONT,
        12,
    )
    document.save(str(path))
    return path
