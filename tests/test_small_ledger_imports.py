"""Importing the new ledgers: row errors as 第N行「列名」, atomic by default, --partial, idempotent."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fanzha.audit.models import ObjectChange
from fanzha.cases.tests.ledgers import write_csv, write_xlsx
from fanzha.core.idcard import check_char
from fanzha.core.periods import BEIJING
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.keypersons.models import KeyPerson
from fanzha.prevention.models import Activity, Household, HouseholdVisit, Registration, VisitedHousehold
from fanzha.warnings.models import VerificationOrder, Warning

VISIT_HEADER = [
    "村/社区",
    "住址",
    "户主姓名",
    "联系电话",
    "走访日期",
    "走访人",
    "当面讲解",
    "发放防骗卡",
    "签订承诺书",
    "安装App",
]


def visits_file(tmp_path, rows, name="走访.csv"):
    return write_csv(tmp_path / name, VISIT_HEADER, rows)


def run(kind, path, user=None, **options):
    return run_import(importer_class(kind)(user), path, **options)


def test_visits_create_households_and_are_idempotent(county, tmp_path):
    path = visits_file(
        tmp_path,
        [
            ["361123100200", "1组1号", "王五", "13800001111", "2024-03-01", "张三", "是", "√", "否", "Y"],
            ["青山镇/东风村", "1组1号", "王五", "13800001111", "2024/3/8", "李四", "否", "", "", ""],
            ["361123100200", "1组2号", "", "", "2024年3月9日", "张三", "是", "是", "是", "是"],
        ],
    )
    result = run("visits", path)
    assert result.ok and result.counts.created == 3, result.errors
    assert Household.objects.count() == 2 and HouseholdVisit.objects.count() == 3
    assert VisitedHousehold.objects.count() == 2
    visit = HouseholdVisit.objects.get(visitor="张三", household__address="1组1号")
    assert (visit.face_to_face, visit.card_issued, visit.pledge_signed, visit.app_installed) == (
        True,
        True,
        False,
        True,
    )
    again = run("visits", path)
    assert again.counts.created == 0 and again.counts.unchanged == 3
    assert HouseholdVisit.objects.count() == 3


def test_visit_errors_name_row_and_column_and_nothing_is_written(county, tmp_path):
    path = visits_file(
        tmp_path,
        [
            ["361123100200", "1组1号", "", "", "2024-03-01", "张三", "是", "", "", ""],
            ["不存在村", "1组2号", "", "12345", "2024-13-01", "", "也许", "", "", ""],
            ["361123100200", "1组1号", "", "", "2024-03-01", "张三", "是", "", "", ""],
        ],
    )
    result = run("visits", path)
    messages = {str(e) for e in result.errors}
    assert not result.committed and HouseholdVisit.objects.count() == 0 and Household.objects.count() == 0
    assert any(m.startswith("第3行「村/社区」") and "找不到" in m for m in messages)
    assert any(m.startswith("第3行「走访日期」") for m in messages)
    assert any(m.startswith("第3行「走访人」") for m in messages)
    assert any(m.startswith("第3行「当面讲解」") and "也许" in m for m in messages)
    assert any(m.startswith("第3行「联系电话」") for m in messages)
    assert any(m.startswith("第4行") and "与第2行重复" in m for m in messages)
    partial = run("visits", path, partial=True)
    assert partial.committed and HouseholdVisit.objects.count() == 1


def test_visits_outside_the_users_scope_are_rejected(county, users, tmp_path):
    path = visits_file(tmp_path, [["361123001001", "1号", "", "", "2024-03-01", "张三", "", "", "", ""]])
    result = run("visits", path, users["grid_worker"])
    assert [str(e) for e in result.errors] == ["第2行「村/社区」：不在您的管辖范围内"]
    assert run("visits", path, users["county_admin"]).ok


def test_station_officer_may_import_visits_of_covered_villages(county, users, tmp_path):
    path = visits_file(tmp_path, [["361123100201", "1号", "", "", "2024-03-01", "张三", "", "", "", ""]])
    assert run("visits", path, users["station_officer"]).ok


def test_activities_xlsx(county, tmp_path):
    header = ["活动编号", "活动类型", "组织单位", "日期", "地点", "受众人数", "数量"]
    rows = [
        ["HD-1", "进校园", "县第一中学", "2024-03-05", "礼堂", "300", ""],
        ["HD-2", "横幅/海报/展板", "青山镇/东风村", "2024-03-06", "村口", "", "4"],
        ["HD-3", "跳广场舞", "青山镇/东风村", "2024-03-06", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "活动.xlsx", header, rows)
    result = run("activities", path)
    assert [str(e) for e in result.errors] == ["第4行「活动类型」：找不到活动类型「跳广场舞」"]
    result = run("activities", path, partial=True)
    assert result.counts.created == 2 and Activity.objects.get(external_key="HD-2").quantity == 4
    assert run("activities", path, partial=True).counts.created == 0


def test_activities_without_a_number_are_known_by_unit_type_day_and_place(county, users, tmp_path):
    header = ["活动类型", "组织单位", "日期", "地点"]
    rows = [["进校园", "县第一中学", "2024-03-05", "礼堂"], ["进校园", "县第一中学", "2024-03-05", ""]]
    path = write_csv(tmp_path / "活动.csv", header, rows)
    result = run("activities", path, users["county_admin"])
    assert (result.counts.created, result.counts.unchanged) == (2, 0)
    again = write_csv(tmp_path / "活动2.csv", header, [*rows, ["进校园", "县第一中学", "2024-03-05", "操场"]])
    result = run("activities", again, users["county_admin"])
    assert (result.counts.created, result.counts.unchanged) == (1, 2)
    stored = Activity.objects.get(place="")
    assert (stored.external_key, stored.audience_count, stored.quantity, stored.created_by) == (
        None,
        0,
        1,
        users["county_admin"],
    )


def test_registrations_update_a_changed_count(county, tmp_path):
    header = ["单位", "工具", "截至日期", "累计注册数"]
    path = write_csv(
        tmp_path / "注册.csv",
        header,
        [
            ["361123100200", "国家反诈中心App", "2024-06-30", "800"],
            ["361123100200", "金钟罩", "2024-06-30", "300"],
        ],
    )
    assert run("registrations", path).counts.created == 2
    path = write_csv(tmp_path / "注册2.csv", header, [["361123100200", "", "2024-06-30", "850"]])
    result = run("registrations", path)
    assert result.counts.updated == 1
    assert Registration.objects.get(tool="app").count == 850


def test_warnings_import_routes_each_and_is_idempotent(county, tmp_path):
    Household.objects.create(village=county["v2"], address="2组", phone="13800002222")
    header = ["预警编号", "预警时间", "电话", "风险等级", "风险类型", "派出所"]
    rows = [
        ["YJ001", "2024-03-05 09:00", "13800002222", "高", "刷单返利", "城关派出所"],
        ["YJ002", "2024-03-05 09:05", "13900009999", "低风险", "冒充客服", "河东派出所"],
        ["YJ003", "2024-03-05 09:06", "", "中", "", ""],
    ]
    path = write_csv(tmp_path / "预警.csv", header, rows)
    result = run("warnings", path)
    assert [str(e) for e in result.errors] == ["第4行「电话」：电话和身份证号至少填写一项"]
    result = run("warnings", path, partial=True)
    assert result.counts.created == 2
    first = VerificationOrder.objects.get(warning__external_id="YJ001")
    assert (first.assigned_to, first.station, first.routed_by) == (county["v2"], county["s1"], "household")
    assert first.deadline == datetime(2024, 3, 5, 10, 0, tzinfo=BEIJING)  # 高: 1 h
    assert first.deadline.astimezone(UTC).hour == 2
    second = VerificationOrder.objects.get(warning__external_id="YJ002")
    assert (second.assigned_to, second.routed_by) == (county["s2"], "station")
    assert second.deadline == datetime(2024, 3, 6, 9, 5, tzinfo=BEIJING)  # 低: 24 h
    assert run("warnings", path, partial=True).counts.unchanged == 2
    assert Warning.objects.count() == 2


def test_keypersons_import_and_update(county, users, tmp_path):
    header = ["姓名", "身份证号", "类别", "居住村/社区", "列管日期", "工作单位", "与单位关系"]
    path = write_csv(
        tmp_path / "重点人员.csv",
        header,
        [["赵六", "11010519491231002X", "滞留缅北", "361123100200", "2024-01-05", "县第一中学", "家属"]],
    )
    assert run("keypersons", path, users["station_officer"]).counts.created == 1
    person = KeyPerson.objects.get()
    assert (person.category, person.village, person.staff_relation) == ("stranded", county["v1"], "family")
    path = write_csv(
        tmp_path / "重点人员2.csv",
        header,
        [["赵六", "11010519491231002X", "拦截人员", "361123100200", "2024-01-05", "", ""]],
    )
    assert run("keypersons", path, users["station_officer"]).counts.updated == 1
    person = KeyPerson.objects.get()
    assert (person.category, person.employer, person.staff_relation) == ("intercepted", None, "")
    assert (person.residence, person.status, person.pledge_signed, person.released_on) == (
        "permanent",
        "at_home",
        False,
        None,
    )
    changes = ObjectChange.objects.filter(model="keypersons.keyperson", action="update")
    assert changes.count() == 1 and changes.get().after["category"] == "intercepted"
    result = run("keypersons", path, users["station_officer"])  # the same file again: nothing changes
    assert (result.counts.created, result.counts.updated, result.counts.unchanged) == (0, 0, 1)
    assert changes.count() == 1


@pytest.mark.parametrize("kind", ["visits", "activities", "registrations", "warnings", "keypersons"])
def test_missing_required_columns_are_named(kind, county, tmp_path):
    path = write_csv(tmp_path / "空.csv", ["备注"], [["x"]])
    result = run(kind, path)
    assert not result.committed and "缺少必需的列" in str(result.errors[0])


def test_preview_rows_show_what_was_read(county, tmp_path):
    path = visits_file(
        tmp_path, [["361123100200", "1组1号", "王五", "", "2024/3/8", "张三", "是", "", "", ""]]
    )
    result = run("visits", path, dry_run=True, preview_rows=5)
    (row,) = result.preview
    cells = dict(row["cells"])
    assert row["row"] == 2 and cells["村/社区"] == "青山镇/东风村" and cells["当面讲解"] is True
    assert HouseholdVisit.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_grid_worker_previews_a_visits_file_on_the_web(county, client_for, tmp_path):
    from fanzha.cases.tests.test_web import _upload

    path = visits_file(
        tmp_path, [["361123100200", "1组1号", "王五", "", "2024/3/8", "张三", "是", "", "", ""]]
    )
    preview = _upload(client_for("grid_worker"), path, kind="visits").content.decode()
    assert "前 1 行（解析后）" in preview and "<th>村/社区</th>" in preview and "青山镇/东风村" in preview
    assert HouseholdVisit.objects.count() == 0


def test_a_households_first_row_gives_its_details_and_first_visits_only_move_earlier(county, tmp_path):
    rows = [
        ["361123100200", "3组8号", "赵六", "13800003333", "2024-05-10", "张三", "是", "", "", ""],
        ["361123100200", "3组8号", "赵六妻", "13900004444", "2024-05-20", "李四", "是", "", "", ""],
    ]
    assert run("visits", visits_file(tmp_path, rows)).counts.created == 2
    household = Household.objects.get(address="3组8号")
    assert (household.head_name, household.phone) == ("赵六", "13800003333")

    def first_visits():
        return dict(VisitedHousehold.objects.values_list("year", "first_visited_on"))

    assert {y: d.isoformat() for y, d in first_visits().items()} == {2024: "2024-05-10"}
    later = [["361123100200", "3组8号", "", "", "2024-06-01", "王五", "是", "", "", ""]]
    run("visits", visits_file(tmp_path, later, "后.csv"))
    earlier = [
        ["361123100200", "3组8号", "", "", "2024-04-02", "王五", "是", "", "", ""],
        ["361123100200", "3组8号", "", "", "2023-12-30", "王五", "是", "", "", ""],
    ]
    result = run("visits", visits_file(tmp_path, earlier, "前.csv"))
    assert result.counts.created == 2 and Household.objects.count() == 1
    assert {y: d.isoformat() for y, d in first_visits().items()} == {2024: "2024-04-02", 2023: "2023-12-30"}


def id_number(n: int) -> str:
    first = f"11010519491231{n:03d}"
    return first + check_char(first)


# three rows of each ledger, then the first again (a repeated key)
LARGE_LOADS = {
    "visits": (
        VISIT_HEADER,
        [["361123100200", f"5组{n}号", "", "", "2024-03-01", "张三", "是", "", "", ""] for n in range(3)],
        HouseholdVisit,
    ),
    "warnings": (
        ["预警编号", "预警时间", "电话", "风险等级", "派出所"],
        [[f"YJ{n}", "2024-03-05 09:00", f"1380000{n:04d}", "高", "城关派出所"] for n in range(3)],
        VerificationOrder,
    ),
    "activities": (
        ["活动编号", "活动类型", "组织单位", "日期"],
        [[f"HD{n}", "进校园", "县第一中学", "2024-03-05"] for n in range(3)],
        Activity,
    ),
    "registrations": (
        ["单位", "截至日期", "累计注册数"],
        [["361123100200", f"2024-06-0{n + 1}", "800"] for n in range(3)],
        Registration,
    ),
    "keypersons": (
        ["姓名", "身份证号", "类别", "居住村/社区", "列管日期"],
        [["赵六", id_number(n), "滞留缅北", "361123100200", "2024-01-05"] for n in range(3)],
        KeyPerson,
    ),
}


# what an import must never do to a ledger that users write to: lift its constraints, indexes or
# triggers, or pick ids itself (MAX(id) + 1 hands a deleted row's id, and its history, to a new one)
LIFTING = re.compile(
    r"ALTER\s+TABLE|DROP\s+(INDEX|TRIGGER|CONSTRAINT)|DISABLE\s+TRIGGER|MAX\(\s*\"?id\"?\s*\)", re.IGNORECASE
)


@pytest.mark.parametrize("kind", list(LARGE_LOADS))
def test_an_import_keeps_the_ledgers_constraints_and_triggers(kind, county, tmp_path):
    """Every ledger import writes with its tables' constraints, indexes and triggers in place: a row the
    file repeats leaves nothing written, a partial import writes the rest, and no statement of either
    lifts anything or picks an id."""
    header, rows, model = LARGE_LOADS[kind]
    path = write_csv(tmp_path / f"{kind}.csv", header, rows + [rows[0]])
    with CaptureQueriesContext(connection) as captured:
        refused = run(kind, path)
        assert not refused.committed and any("重复" in str(e) for e in refused.errors)
        assert not model.objects.exists()
        result = run(kind, path, partial=True)
    assert result.committed and result.counts.created == 3
    assert model.objects.count() == 3
    assert [q["sql"] for q in captured.captured_queries if LIFTING.search(q["sql"])] == []
