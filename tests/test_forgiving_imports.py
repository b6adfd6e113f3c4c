"""Imports that forgive what ledgers really contain (issue 18): 合计 rows skipped with a remark, choice
synonyms, a wrong ID check digit as a remark (or an error, as the county reads it), an ID Excel stored
as a number named so, no 「确认导入正确的 0 行」, header aliases for every import kind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fanzha.audit.models import ObjectChange
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.cases.tests.ledgers import HEADER, row, write_csv, write_xlsx
from fanzha.imports import jobs, services
from fanzha.imports.models import ChoiceSynonym, HeaderAlias, ImportBatch
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.parameters import config
from fanzha.prevention.models import HouseholdVisit

BAD_CHECK = "110105194912310021"  # the GB 11643 example with its last character changed
EXCEL_NUMBER = "身份证号被Excel存成了数字，请把该列设为文本后重新导出"


def run(path, user=None, **options):
    return run_import(CaseImporter(user), path, **options)


def test_a_totals_row_is_skipped_with_a_remark_not_three_required_errors(county, tmp_path):
    totals = ["合计", None, None, None, "24,691.20元", None, None, None, None, None]
    subtotal = [None, None, None, None, "12345.6", "小 计：", None, None, None, None]
    rows = [row(number="T1"), subtotal, row(number="T2"), totals]
    path = write_xlsx(tmp_path / "台账.xlsx", HEADER, rows, title="示范县案件台账")
    result = run(path)
    assert result.committed and result.errors == []
    assert set(Case.objects.values_list("case_number", flat=True)) == {"T1", "T2"}
    assert [str(w) for w in result.warnings] == [
        "第4行：合计/小计行，已跳过（不是一条记录）",
        "第6行：合计/小计行，已跳过（不是一条记录）",
    ]
    assert ImportBatch.objects.get().warnings == [w.as_dict() for w in result.warnings]


def test_a_row_that_says_total_but_holds_a_record_is_checked_as_one(county, tmp_path):
    record = row(number="合计", reported="2024-03-05 14:20")  # a date is not a number: a record
    result = run(write_csv(tmp_path / "a.csv", HEADER, [record]))
    assert result.committed and result.warnings == []
    assert Case.objects.get().case_number == "合计"


def test_seeded_and_added_synonyms_map_ledger_words_to_the_choice(county, users, tmp_path):
    header = [*HEADER, "案件状态", "与单位关系", "工作单位"]
    rows = [
        [*row(number="S1"), "在侦", "企业职工", "县第一中学"],
        [*row(number="S2"), "已破", "", ""],
        [*row(number="S3"), "挂账", "", ""],
    ]
    path = write_csv(tmp_path / "状态.csv", header, rows)
    result = run(path)
    assert [str(e) for e in result.errors] == [
        "第4行「案件状态」：无法识别「挂账」，可选：受理、立案、破案、撤案"
    ]
    services.add_synonym(users["county_admin"], "cases", "案件状态", "挂账", "filed")
    assert ObjectChange.objects.filter(model="imports.choicesynonym", action="create").count() == 1
    assert run(path).committed
    got = dict(Case.objects.values_list("case_number", "status"))
    assert got == {"S1": "filed", "S2": "solved", "S3": "filed"}
    assert Case.objects.get(case_number="S1").employer_relation == "staff"


def test_synonyms_reach_the_simpler_ledgers_too(county, tmp_path):
    header = ["预警编号", "风险等级", "预警时间", "电话", "身份证号"]
    path = write_csv(tmp_path / "预警.csv", header, [["YJ9", "高危", "2024-03-05 09:00", "13800138000", ""]])
    result = run_import(importer_class("warnings")(None), path)
    assert result.committed, [str(e) for e in result.errors]


def test_a_wrong_check_digit_is_a_remark_and_the_row_is_kept(county, tmp_path):
    path = write_csv(tmp_path / "a.csv", HEADER, [row(number="C1", id_number=BAD_CHECK), row(number="C2")])
    result = run(path)
    assert result.committed and result.errors == []
    assert Case.objects.get(case_number="C1").victim_id_number == BAD_CHECK
    assert [str(w) for w in result.warnings] == ["第2行「身份证号」：身份证号校验位错误（已导入，请核对）"]
    assert result.as_dict()["warnings"][0]["row"] == 2


def test_a_wrong_check_digit_is_an_error_where_the_county_reads_it_so(county, tmp_path):
    config.change("imports.id_check_digit", "error")
    path = write_csv(tmp_path / "a.csv", HEADER, [row(number="C1", id_number=BAD_CHECK), row(number="C2")])
    result = run(path)
    assert [str(e) for e in result.errors] == ["第2行「身份证号」：身份证号校验位错误"]
    assert not result.committed and result.warnings == []


def test_the_check_digit_reading_applies_to_every_ledger_with_ids(county, tmp_path):
    header = ["姓名", "身份证号", "类别", "居住村/社区", "列管日期"]
    path = write_csv(
        tmp_path / "重点.csv", header, [["赵六", BAD_CHECK, "两卡", "361123100200", "2024-01-05"]]
    )
    result = run_import(importer_class("keypersons")(None), path)
    assert result.committed
    assert [str(w) for w in result.warnings] == ["第2行「身份证号」：身份证号校验位错误（已导入，请核对）"]


def test_an_id_excel_stored_as_a_number_is_named_so_and_the_error_workbook_keeps_the_cell(county, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    typed = row(number="N1")
    typed[6] = 361123199001011234  # a number cell: Excel keeps only its first digits
    sheet.append(typed)
    path = tmp_path / "数字.xlsx"
    book.save(path)
    result = run(path)
    assert [str(e) for e in result.errors] == [f"第2行「身份证号」：{EXCEL_NUMBER}"]
    kept = load_workbook(result.error_workbook).active.cell(row=2, column=8).value
    original = load_workbook(path).active.cell(row=2, column=7).value
    assert kept == original and isinstance(kept, int | float)


def test_an_id_in_scientific_notation_in_a_csv_is_named_so(county, tmp_path):
    result = run(write_csv(tmp_path / "a.csv", HEADER, [row(id_number="3.61123E+17")]))
    assert [str(e) for e in result.errors] == [f"第2行「身份证号」：{EXCEL_NUMBER}"]
    assert load_workbook(result.error_workbook).active.cell(row=2, column=8).value == "3.61123E+17"


def test_a_header_alias_for_a_visits_column(county, client_for, tmp_path):
    client = client_for("county_admin")
    response = client.post(
        reverse("imports:add_alias"),
        {"kind": "visits", "alias": "所在村", "canonical": "村/社区"},
        follow=True,
    )
    assert "已添加表头别名" in response.content.decode()
    assert HeaderAlias.objects.get().canonical == "村/社区"
    header = ["所在村", "住址", "走访日期", "走访人"]
    path = write_csv(tmp_path / "走访.csv", header, [["361123100200", "东风村1号", "2024-03-05", "李四"]])
    assert run_import(importer_class("visits")(None), path).committed
    assert HouseholdVisit.objects.count() == 1


def test_the_alias_form_offers_every_kind_and_refuses_another_kinds_column(county, client_for):
    client = client_for("county_admin")
    page = client.get(reverse("imports:upload")).content.decode()
    for header in ("村/社区", "风险等级", "线索类型", "居住村/社区"):
        assert f'<option value="{header}">' in page
    response = client.post(
        reverse("imports:add_alias"),
        {"kind": "visits", "alias": "状态2", "canonical": "案件状态"},
        follow=True,
    )
    assert "「案件状态」不是入户走访的标准列名" in response.content.decode()
    assert not HeaderAlias.objects.exists()


def test_the_synonyms_page_adds_and_removes_audited(county, client_for):
    client = client_for("county_admin")
    page = client.get(reverse("imports:synonyms")).content.decode()
    assert "在侦" in page and "侦办中" in page and "企业职工" in page
    response = client.post(
        reverse("imports:synonyms"), {"word": "已结案", "target": "cases|案件状态|solved"}, follow=True
    )
    assert "已添加" in response.content.decode()
    synonym = ChoiceSynonym.objects.get(word="已结案")
    assert (synonym.kind, synonym.column, synonym.value) == ("cases", "案件状态", "solved")
    refused = client.post(reverse("imports:synonyms"), {"word": "立案", "target": "cases|案件状态|solved"})
    assert "「立案」已是「案件状态」的选项" in refused.content.decode()
    client.post(reverse("imports:remove_synonym", args=[synonym.pk]))
    assert not ChoiceSynonym.objects.filter(word="已结案").exists()
    assert ObjectChange.objects.filter(model="imports.choicesynonym", action="delete").count() == 1
    assert client_for("grid_worker").get(reverse("imports:synonyms")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_no_confirm_button_when_no_row_is_valid(county, client_for, tmp_path):
    client = client_for("county_admin")

    def preview(rows, partial):
        path = write_xlsx(tmp_path / "台账.xlsx", HEADER, rows)
        data = {"kind": "cases", "file": SimpleUploadedFile(path.name, path.read_bytes())}
        if partial:
            data["partial"] = "on"
        url = client.post(reverse("imports:upload"), data).url
        assert jobs.wait(url.rstrip("/").rsplit("/", 1)[1], 30).status == "done"
        return client.get(url).content.decode()

    page = preview([row(number="E1", place="不存在村"), row(number="E2", loss="x")], partial=True)
    assert "确认导入" not in page and "没有可以导入的行" in page
    page = preview([row(number="E1", place="不存在村"), row(number="OK", id_number=BAD_CHECK)], partial=True)
    assert "确认导入正确的 1 行" in page and "身份证号校验位错误（已导入，请核对）" in page
