"""A synthetic county that looks like a real one, and ledgers of any size for tests and benchmarks.

`county(seed)` builds the org structure (≈20 towns/streets, ≈300 villages/communities, 12 police
stations, ≈150 member units, populations per year); `cases(county, …)` builds a case ledger with
seasonality, a realistic type mix, lognormal losses (a few ≥ 50万), victim profiles and narratives
per type, and suspect identifiers some of which recur across cases. Both come out with the
canonical Chinese headers, so the demo goes in through the same importers users use."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

from fanzha.core.idcard import check_char
from fanzha.screening import names
from fanzha.screening.narratives import narrative

COUNTY_CODE = "361123"
COUNTY_NAME = "示范县"

# fraud type: (share of cases, median loss in 元, typical victim age range, usual channel)
TYPE_PROFILE = {
    "刷单返利": (0.28, 18_000, (18, 42), "web"),
    "虚假网络投资理财": (0.16, 85_000, (28, 58), "web"),
    "虚假网络贷款": (0.12, 9_000, (22, 45), "phone"),
    "虚假征信": (0.06, 45_000, (22, 36), "phone"),
    "冒充电商物流客服": (0.11, 30_000, (22, 50), "phone"),
    "冒充公检法": (0.05, 150_000, (35, 78), "phone"),
    "冒充领导熟人": (0.07, 40_000, (28, 60), "wechat"),
    "网络婚恋交友": (0.05, 110_000, (28, 55), "wechat"),
    "网络游戏产品虚假交易": (0.04, 2_500, (12, 24), "qq"),
    "冒充军警购物": (0.02, 20_000, (32, 58), "phone"),
    "网购退赔": (0.02, 5_000, (20, 45), "sms"),
    "其他": (0.02, 8_000, (50, 82), "sms"),
}
MONTH_WEIGHT = [1.25, 1.0, 0.9, 0.95, 1.0, 1.05, 1.15, 1.1, 0.95, 0.95, 1.0, 1.2]
CHANNEL_LABEL = {
    "phone": "电话",
    "sms": "短信",
    "wechat": "微信",
    "qq": "QQ",
    "web": "网站/App",
    "other": "其他",
}

ORG_HEADERS = ["代码", "名称", "类型", "上级代码", "行业", "所属派出所代码", "年度", "人口", "户数"]
CASE_HEADERS = [
    "案件编号",
    "报案时间",
    "发案时间",
    "发案地",
    "派出所",
    "诈骗类型",
    "损失金额",
    "挽损金额",
    "诈骗渠道",
    "受害人姓名",
    "身份证号",
    "联系电话",
    "性别",
    "年龄",
    "人群类别",
    "工作单位",
    "与单位关系",
    "嫌疑人电话",
    "嫌疑人账户",
    "嫌疑网址",
    "嫌疑社交账号",
    "简要案情",
    "案件状态",
    "是否接受过宣传",
    "案事件编号",
]


@dataclass
class Unit:
    code: str
    name: str
    kind: str  # Chinese label, as an org ledger writes it
    parent: str = ""
    sector: str = ""
    station: str = ""
    population: int = 0


@dataclass
class County:
    units: list[Unit] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Unit]:
        return [u for u in self.units if u.kind in kinds]


def _stem(name: str) -> str:
    """青山镇 → 青山, 河东街道 → 河东."""
    return name.removesuffix("街道").removesuffix("镇")


def county(seed: int = 1, years: list[int] | None = None) -> County:
    rng = random.Random(seed)
    this_year = date.today().year
    result = County(years=years or [this_year - 2, this_year - 1, this_year])
    root = Unit(f"{COUNTY_CODE}000000", COUNTY_NAME, "县/区")
    result.units.append(root)
    stems = rng.sample(names.TOWN_STEMS, 20)
    towns = []
    for index, stem in enumerate(stems):
        is_street = index < 5
        code = f"{COUNTY_CODE}{(index + 1):03d}000" if is_street else f"{COUNTY_CODE}{(index + 96):03d}000"
        town = Unit(code, stem + ("街道" if is_street else "镇"), "街道" if is_street else "乡镇", root.code)
        towns.append(town)
    result.units.extend(towns)

    stations = []
    station_names = ["城关", "城东", "城西", *[_stem(t.name) for t in towns[5:14]], "开发区"]
    for index, stem in enumerate(station_names[:12]):
        stations.append(Unit(f"{COUNTY_CODE}S{index + 1:02d}", f"{stem}派出所", "派出所", root.code))
    result.units.extend(stations)

    village_stems = list(names.VILLAGE_STEMS)
    for town_index, town in enumerate(towns):
        station = (
            stations[min(town_index // 2, len(stations) - 1)] if town_index >= 5 else stations[town_index % 3]
        )
        if town.kind == "街道":
            count = rng.randint(7, 10)
            pool = rng.sample(names.COMMUNITY_STEMS, count)
            for i, stem in enumerate(pool):
                result.units.append(
                    Unit(
                        f"{town.code[:9]}{i + 1:03d}",
                        stem + "社区",
                        "社区",
                        town.code,
                        station=station.code,
                        population=rng.randint(4_000, 16_000),
                    )
                )
        else:
            count = rng.randint(13, 17)
            pool = rng.sample(village_stems, count)
            for i, stem in enumerate(pool):
                result.units.append(
                    Unit(
                        f"{town.code[:9]}{i + 200:03d}",
                        stem + "村",
                        "村",
                        town.code,
                        station=station.code,
                        population=rng.randint(900, 4_200),
                    )
                )
            result.units.append(
                Unit(
                    f"{town.code[:9]}001",
                    _stem(town.name) + "社区",
                    "社区",
                    town.code,
                    station=station.code,
                    population=rng.randint(3_000, 9_000),
                )
            )

    members = []
    for i, department in enumerate(names.DEPARTMENTS):
        members.append(Unit(f"{COUNTY_CODE}D{i + 1:03d}", department, "成员单位", root.code, "机关部门"))
    for i in range(50):
        town = towns[i % len(towns)]
        kind = rng.choice(names.SCHOOL_KINDS)
        members.append(
            Unit(
                f"{COUNTY_CODE}X{i + 1:03d}",
                f"{COUNTY_NAME[:-1]}{_stem(town.name)}{kind}",
                "成员单位",
                root.code,
                "学校",
            )
        )
    for i, bank in enumerate(names.BANKS * 2):
        members.append(
            Unit(
                f"{COUNTY_CODE}B{i + 1:03d}",
                f"{bank}{COUNTY_NAME}{'支行' if i < 8 else _stem(towns[i].name) + '网点'}",
                "成员单位",
                root.code,
                "银行",
            )
        )
    for i, operator in enumerate(names.OPERATORS):
        members.append(
            Unit(
                f"{COUNTY_CODE}T{i + 1:03d}",
                f"{operator}{COUNTY_NAME}分公司",
                "成员单位",
                root.code,
                "通信运营商",
            )
        )
    for i in range(150 - len(members)):
        stem = rng.choice(names.TOWN_STEMS)
        members.append(
            Unit(
                f"{COUNTY_CODE}E{i + 1:03d}",
                f"{COUNTY_NAME[:-1]}{stem}{rng.choice(names.ENTERPRISES)}",
                "成员单位",
                root.code,
                "企业",
            )
        )
    result.units.extend(members)
    return result


def org_frame(data: County) -> pl.DataFrame:
    """One row per unit and year for places (with population), one row per other unit."""
    rows = []
    for unit in data.units:
        base = [unit.code, unit.name, unit.kind, unit.parent, unit.sector, unit.station]
        if unit.population:
            for offset, year in enumerate(data.years):
                population = round(unit.population * (1 + 0.004 * offset))
                rows.append([*base, str(year), str(population), str(math.ceil(population / 2.8))])
        else:
            rows.append([*base, "", "", ""])
    return pl.DataFrame(rows, schema=ORG_HEADERS, orient="row")


def id_number(rng: random.Random, born: date, male: bool) -> str:
    sequence = rng.randint(0, 499) * 2 + (1 if male else 0)
    first17 = f"{COUNTY_CODE}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def _identifier_pool(rng: random.Random, size: int) -> dict[str, list[str]]:
    return {
        "phone": [
            phone(rng)
            if rng.random() < 0.7
            else f"+{rng.choice(['855', '95', '63', '60'])}{rng.randint(10**8, 10**9 - 1)}"
            for _ in range(size)
        ],
        "account": [f"62{rng.randint(10**15, 10**16 - 1)}" for _ in range(size)],
        "url": [
            f"http://{rng.choice(['www.', 'm.', ''])}{''.join(rng.choices('abcdefghjkmnpqrstuvwxyz', k=8))}.{rng.choice(['com', 'net', 'top', 'xyz', 'vip'])}"
            for _ in range(size // 3 + 1)
        ],
        "social": [f"{rng.choice(['wxid_', 'QQ'])}{rng.randint(10**6, 10**10)}" for _ in range(size)],
    }


def _pick(rng: random.Random, pool: list[str]) -> str:
    """Zipf-like reuse: a few identifiers recur across many cases (hotlines, big series), some are
    shared by a handful (串并案 material), most are one case's own: a series is a few cases, not the
    whole ledger."""
    draw = rng.random()
    if draw < 0.3:
        return pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
    value = rng.choice(pool)
    if draw < 0.4:
        return value
    tail = f"{rng.randint(0, 9999):04d}"
    return value[:-4] + tail if value[-4:].isdigit() else f"{value}/{tail}"


def cases(
    data: County, per_year: int = 3000, total: int | None = None, seed: int = 1, until: date | None = None
) -> pl.DataFrame:
    """A case ledger over the county's years (or `total` cases spread over them)."""
    rng = random.Random(seed * 7919 + 17)
    until = until or date.today()
    places = data.of_kind("村", "社区")
    place_weights = [u.population for u in places]
    members = {
        s: [u for u in data.units if u.sector == s]
        for s in ("学校", "银行", "机关部门", "企业", "通信运营商")
    }
    station_of = {u.code: u.station for u in places}
    town_name = {u.code: u.name for u in data.units}
    types = list(TYPE_PROFILE)
    type_weights = [TYPE_PROFILE[t][0] for t in types]
    months = [(y, m) for y in data.years for m in range(1, 13) if date(y, m, 1) <= until]
    month_weights = [MONTH_WEIGHT[m - 1] for _, m in months]
    count = total if total is not None else per_year * len(data.years) * len(months) // (12 * len(data.years))
    pool = _identifier_pool(rng, max(count // 3, 10))
    month_of = rng.choices(months, weights=month_weights, k=count)
    sequence: dict[tuple, int] = {}
    rows = []
    for year, month in month_of:
        fraud_type = rng.choices(types, weights=type_weights)[0]
        _, median, (age_low, age_high), channel = TYPE_PROFILE[fraud_type]
        last_day = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
        day = rng.randint(1, last_day)
        reported = datetime(
            year,
            month,
            day,
            rng.choices(range(24), weights=[1] * 7 + [4] * 12 + [2] * 5)[0],
            rng.randint(0, 59),
        )
        if reported.date() >= until:
            # this month is not over: spread its cases over the days already past
            reported = datetime.combine(until, datetime.min.time()) - timedelta(
                minutes=rng.randint(1, 60 * 24 * max(until.day - 1, 1))
            )
        occurred = reported - timedelta(hours=rng.uniform(0.5, 72)) if rng.random() < 0.85 else None
        place = rng.choices(places, weights=place_weights)[0]
        station_code = station_of[place.code]
        key = (station_code, year, month)
        sequence[key] = sequence.get(key, 0) + 1
        number = f"A{COUNTY_CODE}{station_code[-2:]}{year}{month:02d}{sequence[key]:05d}"
        loss_yuan = max(100.0, rng.lognormvariate(math.log(median), 1.1))
        loss_fen = int(round(loss_yuan)) * 100 if rng.random() < 0.8 else int(loss_yuan * 100)
        recovered_fen = int(loss_fen * rng.uniform(0.05, 0.6)) if rng.random() < 0.15 else 0
        age = rng.randint(age_low, age_high)
        male = rng.random() < (0.45 if fraud_type in ("网络婚恋交友", "刷单返利") else 0.55)
        born = date(reported.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if (born.month, born.day) > (reported.month, reported.day):
            born = born.replace(year=born.year - 1)
        victim = rng.choice(names.SURNAMES) + "".join(rng.choices(names.GIVEN, k=rng.choice([1, 2])))
        group, employer, relation = _victim_profile(rng, age, members)
        amount_text = f"{loss_fen / 100:,.2f}".rstrip("0").rstrip(".")
        when = f"{reported.month}月{reported.day}日"
        ids = {
            "phone": "；".join(_pick(rng, pool["phone"]) for _ in range(rng.choice([0, 1, 1, 2]))),
            "account": "；".join(_pick(rng, pool["account"]) for _ in range(rng.choice([0, 1, 1, 1, 2]))),
            "url": _pick(rng, pool["url"]) if channel == "web" and rng.random() < 0.5 else "",
            "social": _pick(rng, pool["social"]) if channel in ("wechat", "qq") else "",
        }
        status = rng.choices(["立案", "受理", "破案", "撤案"], weights=[70, 15, 12, 3])[0]
        rows.append(
            [
                number,
                f"{reported:%Y-%m-%d %H:%M}",
                f"{occurred:%Y-%m-%d %H:%M}" if occurred else "",
                f"{town_name[place.parent]}/{place.name}",
                station_code if rng.random() < 0.2 else "",
                fraud_type,
                f"{loss_fen / 100:.2f}",
                f"{recovered_fen / 100:.2f}" if recovered_fen else "",
                CHANNEL_LABEL[channel if rng.random() < 0.8 else rng.choice(list(CHANNEL_LABEL))],
                victim,
                id_number(rng, born, male),
                phone(rng),
                "男" if male else "女",
                "",
                group,
                employer,
                relation,
                ids["phone"],
                ids["account"],
                ids["url"],
                ids["social"],
                narrative(rng, fraud_type, victim[0] + "某", when, amount_text),
                status,
                rng.choices(["是", "否", "未知"], weights=[35, 40, 25])[0],
                f"J{COUNTY_CODE}{year}{rng.randint(10**7, 10**8 - 1)}" if rng.random() < 0.6 else "",
            ]
        )
    return pl.DataFrame(rows, schema=CASE_HEADERS, orient="row")


def _victim_profile(rng: random.Random, age: int, members: dict[str, list[Unit]]) -> tuple[str, str, str]:
    if age >= 60:
        return "老年人(60+)", "", ""
    if age <= 22 and rng.random() < 0.8:
        return "学生", "", ""
    group = rng.choices(
        ["教师", "财会人员", "企业负责人", "公职人员", "务工人员", "其他"], weights=[6, 7, 5, 8, 30, 44]
    )[0]
    sector = {"教师": "学校", "公职人员": "机关部门", "财会人员": rng.choice(["企业", "银行"])}.get(group)
    if sector:
        unit = rng.choice(members[sector])
        return group, unit.code, rng.choices(["在编职工", "合同制/临聘人员"], weights=[4, 1])[0]
    if rng.random() < 0.08:
        unit = rng.choice(members[rng.choice(["学校", "机关部门", "企业"])])
        return group, unit.code, rng.choice(["家属：父母", "家属：配偶", "家属：子女"])
    return group, "", ""


def write(frame: pl.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        frame.write_excel(path, autofit=False)
    else:
        frame.write_csv(path)
    return path
