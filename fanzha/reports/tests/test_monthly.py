import shutil
import subprocess

import openpyxl
import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn

from fanzha.cases.tests.builders import add_cases


@pytest.fixture
def march(stations, tmp_path):
    for month in ("01", "02", "03"):
        add_cases(stations["vB"], f"2024-{month}-10", 5, loss_yuan=200_000)
    add_cases(stations["vA"], "2024-03-12", 3)
    add_cases(stations["vA"], "2023-03-12", 4)
    add_cases(stations["vC"], "2024-03-20", 1, loss_yuan=600_000)
    docx, xlsx = tmp_path / "通报.docx", tmp_path / "通报.xlsx"
    call_command("report", "monthly", "--period", "2024-03", "--out", str(docx), "--xlsx", str(xlsx))
    return docx, xlsx


def test_word_report_has_letterhead_title_sections_tables_and_chinese_fonts(march):
    document = Document(str(march[0]))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [
        "测试县反电信网络诈骗中心",
        "（草稿）",
        "测试县电信网络诈骗案件情况通报\n（2024年3月）",
    ]
    assert texts[3] == (
        "根据《关于进一步加强打击治理电信网络诈骗违法犯罪工作的实施方案》要求，"
        "现将2024年3月全县电信网络诈骗案件情况通报如下："
    )
    headings = [t for t in texts if t[:2] in {f"{n}、" for n in "一二三四五六"}]
    assert headings == ["一、基本情况", "二、主要特点", "三、各单位发案情况", "四、督办事项", "五、工作要求"]
    summary = texts[texts.index("一、基本情况") + 1]
    assert summary.startswith("2024年3月，全县共发生电信网络诈骗案件9起，同比上升125.0%（去年同期4起）")
    assert "（一）各派出所发案情况" in texts and "（三）发案数居前3位的村（社区）" in texts
    assert "000方案" not in "".join(texts) and "000方案" not in "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert texts[-2] == "测试县反电信网络诈骗中心" and texts[-1].endswith("日")
    station_table = document.tables[0]
    assert [c.text for c in station_table.rows[0].cells][:3] == ["排名", "单位", "发案数"]
    assert [c.text for c in station_table.rows[1].cells][:3] == ["1", "B派出所", "5"]
    escalations = next(t for t in document.tables if t.rows[0].cells[1].text == "事项")
    assert "约谈所长" in [c.text for row in escalations.rows for c in row.cells]
    reviews = document.tables[-1]
    assert reviews.rows[1].cells[3].text == "60.00"
    body = document.styles["通报正文"].element.rPr.find(qn("w:rFonts"))
    assert body.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert document.styles["通报小标题"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"


def test_word_layout_page_numbers_headings_kept_with_next_columns_fit(march):
    document = Document(str(march[0]))
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    table_headings = {
        "（一）各派出所发案情况",
        "（二）各乡镇（街道）发案情况",
        "（二）全环节倒查案件（损失50万元以上）",
    }
    kept = [p for p in document.paragraphs if p.style.name == "通报小标题" or p.text in table_headings]
    assert len(kept) == 5 + 3
    assert all(p.paragraph_format.keep_with_next for p in kept)
    station_table = document.tables[0]
    widths = [cell.width for cell in station_table.rows[0].cells]
    name_width_cm = widths[1] / 360000
    # 「B派出所」: 4 characters of 五号 (0.37 cm each) and the cell padding fit on one line
    assert name_width_cm >= 4 * 0.37
    assert station_table.rows[0]._tr.xml.count("w:tblHeader") == 1
    assert abs(sum(widths) / 360000 - 15.6) < 0.05  # the text width of an A4 公文 page


def test_excel_has_the_same_tables(march):
    workbook = openpyxl.load_workbook(march[1])
    assert workbook.sheetnames[:3] == ["概况", "各派出所发案情况", "各乡镇（街道）发案情况"]
    assert "发案数居前3位的成员单位" in workbook.sheetnames
    sheet = workbook["各派出所发案情况"]
    assert [sheet.cell(2, c).value for c in (1, 2, 3)] == [1, "B派出所", 5]


def test_office_template_is_used_when_present(stations, tmp_path, settings):
    from fanzha.reports.template import build

    settings.DATA_DIR = tmp_path
    custom = build(tmp_path / "templates" / "monthly.docx")
    restyled = Document(str(custom))
    restyled.styles["通报标题"].font.size = None
    restyled.core_properties.title = "本县自定义模板"
    restyled.save(str(custom))
    out = tmp_path / "r.docx"
    call_command("report", "monthly", "--period", "2024-03", "--out", str(out))
    assert Document(str(out)).core_properties.title == "本县自定义模板"


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (libreoffice-writer) or poppler-utils is not installed here",
)
def test_libreoffice_renders_it_to_png_pages_with_chinese(march, tmp_path):
    def soffice(target: str) -> None:
        command = ["soffice", "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(march[0])]
        subprocess.run(command, check=True, capture_output=True, timeout=180)

    soffice("txt:Text")
    text = (tmp_path / "通报.txt").read_text(encoding="utf-8-sig")
    assert "测试县电信网络诈骗案件情况通报\n（2024年3月）" in text
    assert "一、基本情况" in text and "五、工作要求" in text
    soffice("pdf")
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp_path / "通报.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and page.stat().st_size > 3000 for page in pages)
