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


def test_word_report_has_title_summary_tables_and_chinese_fonts(march):
    document = Document(str(march[0]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "测试县电信网络诈骗案件情况通报（2024年3月）"
    assert texts[1].startswith("2024年3月，全县共发生电信网络诈骗案件9起，同比上升125.0%（去年同期4起）")
    assert "一、各派出所发案情况" in texts
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


def test_excel_has_the_same_tables(march):
    workbook = openpyxl.load_workbook(march[1])
    assert workbook.sheetnames[:3] == ["概况", "各派出所发案情况", "各乡镇（街道）发案情况"]
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


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_libreoffice_opens_it_and_renders_chinese(march, tmp_path):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(march[0])],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "通报.txt").read_text(encoding="utf-8-sig")
    assert "测试县电信网络诈骗案件情况通报（2024年3月）" in text
