"""通讯录: the 1–2 专职联络员 rule, imports with row errors, the directory page's flags, masking,
the access log and scope."""

import pytest
from openpyxl import load_workbook

from fanzha.audit.models import AccessLog
from fanzha.directory import rules
from fanzha.directory.models import GroupRole, LeadershipMember, Liaison, LiaisonRole
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.imports.tests.files import write_csv

LIAISON_HEADER = ["单位", "类别", "姓名", "职务", "手机号码"]


@pytest.mark.parametrize(
    ("count", "problem"),
    [
        (0, "未明确专职联络员"),
        (1, None),
        (2, None),
        (3, "专职联络员超过2名（现有3名）"),
    ],
)
def test_one_or_two_liaisons(count, problem):
    assert rules.liaison_problem(count) == problem


def run(kind, path, user=None, **options):
    return run_import(importer_class(kind)(user), path, **options)


def test_liaison_import_reports_a_bad_phone_by_row_and_writes_nothing(county, tmp_path):
    path = write_csv(
        tmp_path / "联络员.csv",
        LIAISON_HEADER,
        [
            ["县第一中学", "专职", "王老师", "保卫科长", "138 0013 8000"],
            ["城关派出所", "专职联络员", "李警官", "副所长", "1380013800"],
        ],
    )
    result = run("liaisons", path)
    assert not result.ok
    assert [str(e) for e in result.errors] == ["第3行「手机号码」：电话号码应为11位手机号或带区号的固定电话"]
    assert Liaison.objects.count() == 0


def test_liaison_import_creates_updates_and_is_idempotent(county, tmp_path):
    rows = [
        ["县第一中学", "专职", "王老师", "保卫科长", "+86 138-0013-8000"],
        ["361123S01", "备岗", "李警官", "副所长", "13900139000"],
    ]
    assert run("liaisons", write_csv(tmp_path / "a.csv", LIAISON_HEADER, rows)).counts.created == 2
    teacher = Liaison.objects.get(name="王老师")
    assert (teacher.org, teacher.role, teacher.phone) == (
        county["school"],
        LiaisonRole.PRIMARY,
        "13800138000",
    )
    assert Liaison.objects.get(name="李警官").role == LiaisonRole.DEPUTY
    again = run("liaisons", write_csv(tmp_path / "b.csv", LIAISON_HEADER, rows))
    assert (again.counts.created, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    rows[0][4] = "13700137000"
    changed = run("liaisons", write_csv(tmp_path / "c.csv", LIAISON_HEADER, rows))
    assert changed.counts.updated == 1 and Liaison.objects.get(name="王老师").phone == "13700137000"


def test_an_import_outside_the_users_subtree_is_refused(county, users, tmp_path):
    path = write_csv(tmp_path / "a.csv", LIAISON_HEADER, [["河东派出所", "专职", "赵", "", "13800138000"]])
    result = run("liaisons", path, users["station_officer"])  # 城关派出所
    assert [str(e) for e in result.errors] == ["第2行「单位」：不在您的管辖范围内"]


def test_leadership_import(county, tmp_path):
    header = ["领导小组", "小组职务", "姓名", "所在单位", "单位职务", "联系电话"]
    rows = [
        ["示范县", "组长", "张县长", "县人民政府", "副县长、公安局局长", "13800138001"],
        ["示范县", "办公室主任", "刘大队长", "县公安局刑侦大队", "大队长", ""],
        ["青山镇", "副组长", "陈书记", "青山镇党委", "副书记", ""],
        ["示范县", "顾问", "某某", "县委", "", ""],
    ]
    result = run("leadership", write_csv(tmp_path / "l.csv", header, rows), partial=True)
    assert [str(e) for e in result.errors] == [
        "第5行「小组职务」：无法识别「顾问」，可选：组长、副组长、成员、办公室主任、办公室副主任、办公室工作人员"
    ]
    assert LeadershipMember.objects.count() == 3
    assert LeadershipMember.objects.get(name="刘大队长").in_office


@pytest.fixture
def directory(county):
    s1, s2, school = county["s1"], county["s2"], county["school"]
    for n in range(3):  # 城关派出所 names three 专职联络员: one too many
        Liaison.objects.create(org=s1, name=f"民警{n}", phone=f"1380013800{n}")
    Liaison.objects.create(org=s2, name="河东甲", phone="13900139000")
    Liaison.objects.create(org=s2, name="河东乙", role=LiaisonRole.DEPUTY, phone="13900139001")
    Liaison.objects.create(org=school, name="王老师", role=LiaisonRole.DEPUTY, phone="13700137000")
    LeadershipMember.objects.create(
        org=county["root"], role=GroupRole.LEADER, name="张县长", unit_name="县人民政府", phone="13600136000"
    )
    return county


def test_the_directory_flags_units_with_none_or_too_many(directory, client_for):
    page = client_for("county_admin").get("/directory/").content.decode()
    assert "专职联络员超过2名（现有3名）" in page  # 城关派出所
    assert "未明确专职联络员" in page  # 县第一中学: a 备岗 only
    assert "2 个单位不符合要求" in page
    only = client_for("county_admin").get("/directory/?problems=1").content.decode()
    assert "河东甲" not in only and "民警0" in only


def test_phones_are_masked_unless_asked_by_a_holder_and_every_clear_view_is_logged(directory, client_for):
    liaison = client_for("unit_liaison").get("/directory/?clear=1").content.decode()  # no cases.view_pii
    assert "13700137000" not in liaison and "137****7000" in liaison
    office = client_for("county_admin")
    assert "13600136000" not in office.get("/directory/").content.decode()
    assert AccessLog.objects.count() == 0
    assert "13600136000" in office.get("/directory/?clear=1").content.decode()
    assert AccessLog.objects.filter(model="directory.liaison", action="view").count() == 1
    listed = office.get("/directory/liaisons/?clear=1").content.decode()
    assert "13900139000" in listed and AccessLog.objects.count() == 2


def test_the_export_is_masked_and_logged(directory, client_for, tmp_path):
    response = client_for("county_admin").get("/directory/export/")
    path = tmp_path / "通讯录.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "类别", "专职联络员")
    school = next(r for r in rows if r[0] == "县第一中学")
    assert school[4] == "王老师" and school[5] == "137****7000" and school[6] == "未明确专职联络员"
    assert AccessLog.objects.filter(model="directory.liaison", action="export").count() == 1


def test_scope(directory, client_for):
    officer = client_for("station_officer")  # 城关派出所
    page = officer.get("/directory/").content.decode()
    assert "民警0" in page and "河东甲" not in page and "王老师" not in page
    assert "河东甲" not in officer.get("/directory/liaisons/").content.decode()
    liaison = client_for("unit_liaison").get("/directory/").content.decode()  # 县第一中学
    assert "王老师" in liaison and "民警0" not in liaison


def test_a_liaison_entered_on_the_form_is_checked_and_audited(directory, client_for):
    from fanzha.audit.models import ObjectChange

    office = client_for("county_admin")
    form = {"org": directory["school"].pk, "name": "赵老师", "role": "primary", "phone": "12345"}
    response = office.post("/directory/liaisons/new/", form)
    assert "电话号码应为11位手机号或带区号的固定电话" in response.content.decode()
    form["phone"] = "138 0013 8999"
    assert office.post("/directory/liaisons/new/", form).status_code == 302
    made = Liaison.objects.get(name="赵老师")
    assert made.phone == "13800138999"
    assert ObjectChange.objects.filter(model="directory.liaison", object_id=str(made.pk)).exists()
