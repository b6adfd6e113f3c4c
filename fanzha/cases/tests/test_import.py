import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fanzha.audit.models import ObjectChange
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case, SuspectIdentifier
from fanzha.imports.models import HeaderAlias, ImportBatch
from fanzha.imports.runner import run_import

from .ledgers import HEADER, row, write_csv, write_xlsx

BJ = ZoneInfo("Asia/Shanghai")


def run(path, user=None, **kwargs):
    return run_import(CaseImporter(user), path, **kwargs)


def messages(result):
    return [str(e) for e in result.errors]


def test_valid_csv_goes_in_with_derived_fields(county, tmp_path):
    path = write_csv(
        tmp_path / "台账.csv", HEADER, [row(suspects="13900000000；+855 12 345 678、13900000000")]
    )
    result = run(path)
    assert result.committed and result.counts.created == 1, messages(result)
    case = Case.objects.get(case_number="A001")
    assert case.reported_at == dt.datetime(2024, 3, 5, 14, 20, tzinfo=BJ)
    assert case.loss_fen == 1234560
    assert case.station == county["s1"]  # derived from the village
    assert case.town == county["town"]
    assert (case.victim_sex, case.victim_age) == ("F", 74)  # from the ID number at the report date
    assert case.victim_group == "elderly"  # 60+ with no group given
    assert sorted(SuspectIdentifier.objects.values_list("value", flat=True)) == [
        "+85512345678",
        "13900000000",
    ]
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE


def test_xlsx_with_title_row_aliases_and_excel_cells(county, tmp_path):
    header = ["案号", "接警时间", "案发地点", "案件类别", "被骗金额", "身份证号码", "手机号"]
    rows = [
        [
            "B1",
            dt.datetime(2024, 3, 5, 9, 30),
            "青山镇/东风村",
            "刷单",
            1000,
            "11010519491231002X",
            13800138000,
        ],
        ["B2", 45356.5, "滨江社区", "冒充公检法", "1.2万元", None, None],  # Excel serial date
        ["B3", "2024年3月5日", "361123100200", "网上贷款", "８００", None, None],
        ["B4", "2024/3/5", "河东街道/新村", "其他", None, None, None],
    ]
    path = write_xlsx(tmp_path / "台账.xlsx", header, rows, title="示范县电信网络诈骗案件台账（2024年3月）")
    result = run(path)
    assert result.committed, messages(result)
    got = {c.case_number: c for c in Case.objects.select_related("place", "fraud_type")}
    assert got["B1"].reported_at == dt.datetime(2024, 3, 5, 9, 30, tzinfo=BJ)
    assert got["B1"].victim_phone == "13800138000"
    assert got["B2"].reported_at == dt.datetime(2024, 3, 5, 12, 0, tzinfo=BJ)
    assert got["B2"].loss_fen == 1_200_000 and got["B2"].fraud_type.name == "冒充公检法"
    assert got["B3"].fraud_type.name == "虚假网络贷款" and got["B3"].loss_fen == 80000
    assert got["B4"].place == county["c2"] and got["B4"].loss_fen == 0


def test_gbk_csv_from_chinese_excel(county, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", HEADER, [row()], encoding="gbk")
    assert run(path).committed


def test_every_kind_of_bad_cell_is_reported_and_nothing_is_written(county, tmp_path):
    rows = [
        row(number="OK1"),
        row(number="E1", reported="2024-02-30"),
        row(number="E2", loss="-100"),
        row(number="E3", id_number="110105194912310021"),
        row(number="E4", id_number="1.10105E+17"),
        row(number="E5", phone="12345"),
        row(number="E6", place="不存在村"),
        row(number="E7", place="新村"),
        row(number="E8", fraud="电信诈骗"),
        row(number="OK1"),
        row(number="", suspects="1 2 3 a"),
        row(number="E9", reported="2099-01-01"),
        row(number="E10", loss="12.345"),
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, rows)
    result = run(path)
    assert not result.committed
    assert Case.objects.count() == 0
    got = messages(result)
    expected = [
        "第3行「报案时间」：无法识别的日期时间「2024-02-30」",
        "第4行「损失金额」：金额不能为负数",
        "第6行「身份证号」：身份证号被Excel存成了数字，请把该列设为文本后重新导出",
        "第7行「联系电话」：电话号码应为11位手机号或带区号的固定电话",
        "第8行「发案地」：找不到发案地「不存在村」",
        "第9行「发案地」：「新村」有2个（河东街道、青山镇），请填写乡镇或派出所",
        "第10行「诈骗类型」：找不到诈骗类型「电信诈骗」",
        "第11行「案件编号」：与第2行的案件编号重复",
        "第12行「案件编号」：必填项不能为空",
        "第12行「嫌疑人电话」：电话号码只能含数字",
        "第13行「报案时间」：日期晚于当前时间",
        "第14行「损失金额」：金额最多精确到分",
    ]
    for prefix in expected:
        assert any(m.startswith(prefix) for m in got), (prefix, got)
    # a wrong check digit is a remark on a kept row (规则参数 imports.id_check_digit, default warn)
    assert not any(m.startswith("第5行") for m in got)
    assert [str(w) for w in result.warnings] == ["第5行「身份证号」：身份证号校验位错误（已导入，请核对）"]
    assert result.rejected_rows == 11
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REJECTED and batch.rows_rejected == 11
    assert batch.warnings == [w.as_dict() for w in result.warnings]


def test_duplicate_numbers_across_chunks_name_the_first_row(county, tmp_path):
    numbers = ["D1", "D2", "D1", "D3", "D2", "D4", "D1"]
    path = write_csv(tmp_path / "dup.csv", HEADER, [row(number=n) for n in numbers])
    importer = CaseImporter(None)
    importer.chunk_rows = 2  # D1 and D2 come back in later chunks, D1 twice
    result = run_import(importer, path)
    assert not result.committed
    assert messages(result) == [
        "第4行「案件编号」：与第2行的案件编号重复",
        "第6行「案件编号」：与第3行的案件编号重复",
        "第8行「案件编号」：与第2行的案件编号重复",
    ]


def test_ids_come_from_the_database_and_a_deleted_cases_id_is_never_reused(county, tmp_path):
    """The import lets the database hand out ids (AUTOINCREMENT on SQLite, a sequence on PostgreSQL):
    after the newest case is deleted, the next import's case gets a new id, so it cannot inherit the
    deleted case's change history."""
    first = run(write_csv(tmp_path / "a.csv", HEADER, [row(number="D1"), row(number="D2")]))
    assert first.committed, messages(first)
    deleted = Case.objects.get(case_number="D2")
    gone = deleted.pk
    assert gone == Case.objects.order_by("-pk").first().pk
    deleted.delete()
    again = run(write_csv(tmp_path / "b.csv", HEADER, [row(number="D3")]))
    assert again.committed, messages(again)
    assert Case.objects.get(case_number="D3").pk > gone


def test_a_conflicting_write_meanwhile_rolls_back_with_a_clear_message(county, tmp_path):
    """Into an empty ledger nothing is looked up by case number; if another writer registers one of the
    file's numbers meanwhile, the database refuses it and the whole import is undone, with a message."""

    class Meanwhile(CaseImporter):
        def begin(self):
            super().begin()
            Case.objects.create(
                case_number="C2",
                reported_at=dt.datetime(2024, 3, 1, 9, tzinfo=BJ),
                place=county["v1"],
                station=county["s1"],
                fraud_type_id=Case._meta.get_field("fraud_type").related_model.objects.first().pk,
            )

    path = write_csv(tmp_path / "c.csv", HEADER, [row(number="C1"), row(number="C2")])
    result = run_import(Meanwhile(None), path)
    assert not result.committed
    assert messages(result)[0].startswith("文件：写入时与数据库中已有的数据冲突")
    assert not Case.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


def test_cross_field_checks(county, tmp_path):
    header = [*HEADER, "发案时间", "挽损金额", "性别", "与单位关系"]
    rows = [
        [*row(number="X1"), "2024-03-06", "", "", ""],
        [*row(number="X2"), "", "99999", "", ""],
        [*row(number="X3"), "", "", "男", ""],
        [*row(number="X4"), "", "", "", "配偶"],
    ]
    result = run(write_csv(tmp_path / "x.csv", header, rows))
    got = messages(result)
    assert "第2行「发案时间」：发案时间晚于报案时间" in got
    assert "第3行「挽损金额」：挽损金额大于损失金额" in got
    assert "第4行「性别」：性别与身份证号不符" in got
    assert "第5行「与单位关系」：填写了与单位关系，但没有填写工作单位" in got


def test_missing_required_columns_is_a_file_error(county, tmp_path):
    path = write_csv(tmp_path / "m.csv", ["案件编号", "损失金额"], [["A1", "5"]])
    result = run(path)
    assert not result.committed
    assert messages(result)[0].startswith("文件：缺少必需的列：报案时间、发案地、诈骗类型")


def test_partial_loads_valid_rows_and_reports_the_rest(county, tmp_path):
    path = write_csv(
        tmp_path / "p.csv", HEADER, [row(number="G1"), row(number="B1", loss="abc"), row(number="G2")]
    )
    result = run(path, partial=True)
    assert result.committed and result.counts.created == 2
    assert messages(result) == ["第3行「损失金额」：无法识别的金额「abc」"]
    assert set(Case.objects.values_list("case_number", flat=True)) == {"G1", "G2"}
    assert ImportBatch.objects.get().status == ImportBatch.Status.PARTIAL


def test_error_workbook_marks_bad_cells(county, tmp_path):
    path = write_csv(tmp_path / "e.csv", HEADER, [row(number="G1"), row(number="B1", loss="abc", phone="1")])
    result = run(path)
    book = load_workbook(result.error_workbook)
    sheet = book["未导入的行"]
    assert [c.value for c in sheet[1]][:3] == ["原行号", "案件编号", "报案时间"]
    assert sheet["A2"].value == 3 and sheet["B2"].value == "B1"
    loss_cell = sheet.cell(row=2, column=HEADER.index("损失金额") + 2)
    assert loss_cell.fill.fgColor.rgb.endswith("FFC7CE") and "无法识别" in loss_cell.comment.text
    assert "联系电话" in sheet.cell(row=2, column=len(HEADER) + 2).value


def test_reimport_is_idempotent_and_a_changed_row_is_updated_and_audited(county, tmp_path):
    first = write_csv(
        tmp_path / "a.csv", HEADER, [row(number="A1"), row(number="A2", suspects="13900000000")]
    )
    assert run(first).counts.created == 2
    again = run(first)
    assert (again.counts.created, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert not ObjectChange.objects.filter(action="update").exists()

    changed = write_csv(
        tmp_path / "b.csv", HEADER, [row(number="A1"), row(number="A2", loss="500", suspects="13900000001")]
    )
    result = run(changed)
    assert (result.counts.updated, result.counts.unchanged) == (1, 1)
    case = Case.objects.get(case_number="A2")
    assert case.loss_fen == 50000
    assert list(case.identifiers.values_list("value", flat=True)) == ["13900000001"]
    change = ObjectChange.objects.get(action="update", object_id=str(case.pk))
    fields = {k: (b, a) for k, b, a in change.changed_fields()}
    assert fields["loss_fen"] == ("12345.60", "500.00")
    assert "13900000001" in fields["identifiers"][1]


def test_user_defined_header_alias(county, tmp_path):
    HeaderAlias.objects.create(kind="cases", alias="事主被骗数", canonical="损失金额")
    header = ["案件编号", "报案时间", "发案地", "诈骗类型", "事主被骗数"]
    result = run(write_csv(tmp_path / "h.csv", header, [["H1", "2024-03-01", "东风村", "刷单返利", "88"]]))
    assert result.committed and Case.objects.get().loss_fen == 8800


def test_import_is_scoped_to_the_users_subtree(county, users, tmp_path):
    path = write_csv(
        tmp_path / "s.csv", HEADER, [row(number="S1", place="东风村"), row(number="S2", place="滨江社区")]
    )
    result = run(path, user=users["town_staff"])
    assert messages(result) == ["第3行「发案地」：发案地不在您的管辖范围内"]
    assert Case.objects.count() == 0


def test_cli_exit_status_and_messages(county, tmp_path, capsys):
    good = write_csv(tmp_path / "g.csv", HEADER, [row(number="C1")])
    call_command("import", "cases", str(good))
    assert "新增 1" in capsys.readouterr().out
    bad = write_csv(tmp_path / "b.csv", HEADER, [row(number="C2", loss="x")])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "cases", str(bad))
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "第2行「损失金额」：无法识别的金额「x」" in out and "未导入任何数据" in out


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_import_leaves_nothing(county, tmp_path):
    """Kill the importing process mid-way: the transaction never commits."""
    rows = [row(number=f"K{i:06d}", place="东风村") for i in range(300_000)]
    path = write_csv(tmp_path / "big.csv", HEADER, rows)
    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='fanzha.settings'; django.setup();"
        "from fanzha.cases.importers import CaseImporter; from fanzha.imports.runner import run_import;"
        "import fanzha.imports.runner as r; r.CHUNK_ROWS=50_000; CaseImporter.chunk_rows=50_000;"
        f"run_import(CaseImporter(None), {str(path)!r}, progress=lambda d, t: print(d, flush=True))"
    )
    from django.db import connection

    env = {**__import__("os").environ, "DATABASE_URL": _url(connection)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline()  # one chunk written inside the open transaction
    proc.kill()
    proc.wait()
    assert first.strip() == "50000"
    assert Case.objects.count() == 0


def _url(connection) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"


def test_dry_run_counts_the_valid_rows_and_keeps_nothing(county, tmp_path):
    path = write_csv(
        tmp_path / "d.csv", HEADER, [row(number="D1"), row(number="D2", loss="x"), row(number="D3")]
    )
    result = run(path, dry_run=True)
    assert (result.counts.created, result.rejected_rows, result.committed) == (2, 1, False)
    assert Case.objects.count() == 0 and not ImportBatch.objects.exists()


def test_a_victim_born_after_the_report_is_a_row_error(county, tmp_path):
    born_2010 = "110105201001010010"  # a valid number, born 2010-01-01
    path = write_csv(
        tmp_path / "b.csv", HEADER, [row(number="Y1", reported="2009-06-01", id_number=born_2010)]
    )
    assert [str(e) for e in run(path).errors] == ["第2行「身份证号」：身份证号中的出生日期晚于报案时间"]


def test_a_stray_quote_rejects_the_file_by_its_line_and_keeps_no_cell(county, tmp_path):
    rows = [row(number=f"Q{i}") for i in range(2000)]  # about 250 KB, past the csv module's field limit
    path = write_csv(tmp_path / "q.csv", HEADER, rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("受害人被骗。", '"受害人被骗。')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(path)
    assert messages(result) == [
        '文件：第4行的英文双引号（"）没有成对闭合，其后的内容都会被当作同一个单元格：'
        "请检查这一行的引号，或在 Excel 中打开后重新另存为 CSV"
    ]
    assert Case.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED


def test_a_broken_workbook_is_reported_without_the_stored_path(county, tmp_path):
    stored = tmp_path / "uploads" / "5d1e0c7a.xlsx"
    stored.parent.mkdir()
    stored.write_bytes(b"PK\x03\x04 broken")
    result = run(stored, filename="三月台账.xlsx")
    assert messages(result) == [
        "文件：无法读取 Excel 文件：文件已损坏、已加密或不是 .xlsx 格式，请在 Excel 中打开后另存为 .xlsx 再导入"
    ]
    assert ImportBatch.objects.get().filename == "三月台账.xlsx"


SHARED_HEADER = ["案件编号", "报案时间", "发案村（社区）", "乡镇", "派出所", "诈骗类型", "损失金额"]


def test_a_shared_village_name_is_settled_by_the_rows_town_or_station(county, tmp_path):
    rows = [
        ["N1", "2024-03-05 14:20", "新村", "青山镇", "", "刷单返利", "100"],
        ["N2", "2024-03-05 14:20", "新村", "", "河东派出所", "刷单返利", "100"],
        ["N3", "2024-03-05 14:20", "新村", "河东街道", "河东派出所", "刷单返利", "100"],
        ["N4", "2024-03-05 14:20", "东风村", "", "", "刷单返利", "100"],  # unique: no help needed
    ]
    result = run(write_csv(tmp_path / "同名村.csv", SHARED_HEADER, rows))
    assert result.committed, messages(result)
    placed = dict(Case.objects.values_list("case_number", "place_id"))
    assert placed == {
        "N1": county["v2"].pk,
        "N2": county["c2"].pk,
        "N3": county["c2"].pk,
        "N4": county["v1"].pk,
    }
    assert Case.objects.get(case_number="N1").town == county["town"]


def test_a_shared_village_name_nothing_settles_is_a_row_error(county, tmp_path):
    rows = [
        ["M1", "2024-03-05 14:20", "新村", "", "", "刷单返利", "100"],
        ["M2", "2024-03-05 14:20", "新村", "青山镇", "河东派出所", "刷单返利", "100"],
        ["M3", "2024-03-05 14:20", "新村", "西山镇", "", "刷单返利", "100"],
    ]
    result = run(write_csv(tmp_path / "同名村.csv", SHARED_HEADER, rows))
    assert not result.committed and Case.objects.count() == 0
    assert messages(result) == [
        "第2行「发案村（社区）」：「新村」有2个（河东街道、青山镇），请填写乡镇或派出所",
        "第3行「发案村（社区）」：「新村」有2个同名村/社区（河东街道新村、青山镇新村），"
        "没有一个属于乡镇/街道「青山镇」、派出所「河东派出所」",
        "第4行「发案村（社区）」：没有名为「西山镇」的乡镇/街道",
    ]
