from fanzha.audit.models import ObjectChange
from fanzha.imports.orgs import OrgImporter
from fanzha.imports.runner import run_import
from fanzha.imports.tests.files import write_csv, write_xlsx
from fanzha.orgs.models import OrgUnit, Population
from fanzha.orgs.tree import move

HEADER = ["代码", "名称", "类型", "上级代码", "行业", "所属派出所代码", "年度", "人口", "户数"]
ROWS = [
    # children before their parents, a station after the village it covers: order does not matter
    ["100200", "东风村", "村", "100000", "", "S01", "2024", "2,000", "700"],
    ["100200", "", "", "", "", "", "2025", "2010", "705"],
    ["100000", "青山镇", "乡镇", "000000", "", "", "", "", ""],
    ["000000", "示范县", "县", "", "", "", "2024", "500000", "180000"],
    ["S01", "城关派出所", "派出所", "000000", "", "", "", "", ""],
    ["X001", "县第一中学", "成员单位", "000000", "学校", "", "", "", ""],
]


def run(path, user=None, **kwargs):
    return run_import(OrgImporter(user), path, **kwargs)


def test_tree_stations_and_populations(db, tmp_path):
    result = run(write_csv(tmp_path / "orgs.csv", HEADER, ROWS))
    assert result.committed, [str(e) for e in result.errors]
    village = OrgUnit.objects.get(code="100200")
    assert village.full_name == "青山镇/东风村"
    assert village.station.code == "S01" and village.level == 2
    assert OrgUnit.objects.get(code="X001").sector == "学校"
    assert dict(Population.objects.filter(org=village).values_list("year", "population")) == {
        2024: 2000,
        2025: 2010,
    }


def test_reimport_changes_nothing_and_a_changed_row_is_audited(db, tmp_path):
    path = write_xlsx(tmp_path / "orgs.xlsx", HEADER, ROWS)
    assert run(path).committed
    changes = ObjectChange.objects.count()
    again = run(path)
    assert again.counts.created == 0 and again.counts.updated == 0
    assert ObjectChange.objects.count() == changes
    renamed = [list(r) for r in ROWS]
    renamed[0][1] = "东风新村"
    renamed[0][7] = "2100"
    result = run(write_csv(tmp_path / "b.csv", HEADER, renamed))
    assert result.counts.updated == 1
    assert OrgUnit.objects.get(code="100200").name == "东风新村"
    assert Population.objects.get(org__code="100200", year=2024).population == 2100
    assert ObjectChange.objects.filter(action="update").count() == 2


def test_row_errors(db, tmp_path):
    rows = [
        ["000000", "示范县", "县", "", "", "", "", "", ""],
        ["A", "甲村", "村", "NOPE", "", "", "", "", ""],
        ["B", "乙村", "村", "000000", "", "000000", "", "", ""],
        ["C", "丙单位", "公司", "000000", "", "", "", "", ""],
        ["D", "丁村", "村", "000000", "", "", "", "1000", ""],
        ["E", "", "", "000000", "", "", "", "", ""],
        ["F", "戊镇", "乡镇", "G", "", "", "", "", ""],
        ["G", "己镇", "乡镇", "F", "", "", "", "", ""],
    ]
    result = run(write_csv(tmp_path / "bad.csv", HEADER, rows))
    got = [str(e) for e in result.errors]
    assert not result.committed and OrgUnit.objects.count() == 0
    for expected in [
        "第3行「上级代码」：找不到上级单位「NOPE」（文件和系统中都没有）",
        "第4行「所属派出所代码」：「000000」不是已知的派出所代码",
        "第5行「类型」：无法识别「公司」",
        "第6行「年度」：填写了人口或户数，必须填写年度",
        "第7行「名称」：新单位「E」必须填写名称",
        "第8行「上级代码」：上级关系形成了循环",
    ]:
        assert any(m.startswith(expected) for m in got), (expected, got)


def test_move_rewrites_the_subtree_paths(county):
    move(county["town"], county["street"])
    county["v1"].refresh_from_db()
    assert county["v1"].path == f"{county['street'].path}{county['town'].pk}/{county['v1'].pk}/"
    assert county["v1"].level == 3


def test_an_import_that_moves_a_town_and_renames_its_village_keeps_the_village_under_the_town(db, tmp_path):
    district = ["200000", "新区", "街道", "000000", "", "", "", "", ""]
    assert run(write_csv(tmp_path / "orgs.csv", HEADER, [*ROWS, district])).committed
    rows = [
        ["100000", "", "", "200000", "", "", "", "", ""],  # the town moves, then its village is renamed
        ["100200", "东风新村", "", "", "", "", "", "", ""],
    ]
    result = run(write_csv(tmp_path / "move.csv", HEADER, rows))
    assert result.committed, [str(e) for e in result.errors]
    town, village = OrgUnit.objects.get(code="100000"), OrgUnit.objects.get(code="100200")
    district = OrgUnit.objects.get(code="200000")
    assert town.path == f"{district.path}{town.pk}/"
    assert village.path == f"{town.path}{village.pk}/" and village.name == "东风新村"
