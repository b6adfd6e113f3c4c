"""The demo county's directory: liaisons for most member units and stations (some left without one,
one with too many, so the page shows its flags), the county leading group and its office, and each
station's publicity-team roster, all through the imports an office would use."""

import random
from pathlib import Path

import polars as pl

from fanzha.demo.prevention import _import, _name
from fanzha.orgs.models import OrgUnit

POSITIONS = ["办公室主任", "保卫科长", "综治专干", "副所长", "内勤民警", "安全员"]
LEADING_GROUP = [
    ("组长", "县人民政府", "副县长、公安局局长"),
    ("副组长", "县公安局", "政委"),
    ("成员", "县公安局指挥中心", "主任"),
    ("成员", "县公安局刑侦大队", "大队长"),
    ("成员", "县公安局网安大队", "大队长"),
    ("成员", "县教育局", "副局长"),
    ("成员", "中国人民银行县支行", "副行长"),
    ("办公室主任", "县公安局刑侦大队", "副大队长"),
    ("办公室工作人员", "县公安局反诈中心", "民警"),
    ("办公室工作人员", "县公安局反诈中心", "辅警"),
]


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"


def create(folder: Path, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    units = list(OrgUnit.objects.filter(kind__in=["member_unit", "station"]).order_by("kind", "code"))
    liaisons = []
    for index, unit in enumerate(units):
        primaries = 0 if index % 7 == 3 else 3 if index == 1 else 1 + index % 2
        for n in range(primaries):
            liaisons.append(
                [unit.code, "专职", _name(rng), POSITIONS[(index + n) % len(POSITIONS)], _phone(rng)]
            )
        if index % 3 == 0:
            liaisons.append([unit.code, "备岗", _name(rng), "科员", _phone(rng)])
    made = {
        "联络员": _import("liaisons", _frame(["单位", "类别", "姓名", "职务", "手机号码"], liaisons), folder)
    }
    county = OrgUnit.objects.get(parent__isnull=True)
    group = [
        [county.code, role, _name(rng), unit, position, _phone(rng)] for role, unit, position in LEADING_GROUP
    ]
    header = ["领导小组", "小组职务", "姓名", "所在单位", "单位职务", "联系电话"]
    made["领导小组成员"] = _import("leadership", _frame(header, group), folder)
    roster = []
    for station in OrgUnit.objects.filter(kind="station").order_by("code"):
        for n in range(rng.randint(8, 16)):
            duty = "队长" if n == 0 else "队员"
            who = "民警" if n < 3 else rng.choice(["辅警", "网格员", "志愿者"])
            roster.append([station.code, f"{station.name}主力反诈宣传队", _name(rng), duty, who, _phone(rng)])
    header = ["单位", "宣传队", "姓名", "队内职务", "身份", "联系电话"]
    made["反诈宣传队队员"] = _import("team_members", _frame(header, roster), folder)
    return made


def _frame(header: list[str], rows: list[list]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={h: pl.String for h in header}, orient="row")
