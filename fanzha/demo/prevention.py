"""The demo county's prevention work this year: household visits, activities, App registrations,
WeChat groups, SMS sends, member-unit duties, coverage targets, a few months of warnings with their
outcomes, key persons and a call-back sample. Ledger rows go in through the users' importers."""

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

import polars as pl
from django.utils import timezone

from fanzha.core.periods import BEIJING, Period
from fanzha.demo.generator import id_number, phone
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit, Population
from fanzha.prevention.duties import assign_templates
from fanzha.prevention.models import CoverageTarget, GroupPush, SmsCampaign, WeChatGroup
from fanzha.screening.names import GIVEN, SURNAMES
from fanzha.warnings.followups import draw_sample
from fanzha.warnings.models import OrderStatus, VerificationOrder
from fanzha.warnings.services import escalate_overdue

VISITS_TOTAL = 30_000
RISK_TYPES = [
    "刷单返利",
    "虚假网络投资理财",
    "虚假网络贷款",
    "冒充电商物流客服",
    "冒充公检法",
    "网络游戏产品虚假交易",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _import(kind: str, frame: pl.DataFrame, folder: Path) -> int:
    path = folder / f"{kind}.csv"
    frame.write_csv(path)
    result = run_import(importer_class(kind)(None), path)
    if not result.committed:
        raise RuntimeError(f"演示{kind}导入失败：" + "；".join(str(e) for e in result.errors[:5]))
    return result.counts.created


def create(folder: Path, today: date | None = None, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    year = today.year
    villages = list(OrgUnit.objects.filter(kind__in=PLACE_KINDS).order_by("code"))
    households = dict(Population.objects.filter(year=year).values_list("org_id", "households"))
    made: dict[str, int] = {}
    first_town = OrgUnit.objects.filter(kind="town").order_by("code").first()
    showcase = OrgUnit.objects.filter(parent=first_town, kind="village").order_by("code").first()

    visits, phones = _visits(rng, villages, households, showcase, today)
    made["入户走访"] = _import("visits", visits, folder)
    made["宣防活动"] = _import("activities", _activities(rng, villages, today), folder)
    made["App注册"] = _import("registrations", _registrations(rng, villages, today), folder)
    made["重点人员"] = _import("keypersons", _key_persons(rng, villages, today), folder)
    heads = dict(zip(visits["联系电话"], visits["户主姓名"], strict=True))
    made["预警信息"] = _import("warnings", _warnings(rng, phones, today, heads), folder)
    _close_orders(rng, today)
    escalate_overdue()  # what the periodic job would have done
    made["反诈微信群"] = _groups(rng, villages[:40], today)
    _sms(rng, today)
    made["成员单位任务"] = assign_templates(year)
    _targets(year)
    last_month = Period.month_of(today).previous()
    made["回访抽查"] = len(draw_sample(last_month, 10))
    return made


def _visits(rng, villages, households, showcase, today) -> tuple[pl.DataFrame, list[str]]:
    total = sum(households.get(v.id) or 0 for v in villages) or 1
    rows, phones = [], []
    days = max((today - date(today.year, 1, 2)).days, 1)
    for village in villages:
        owned = households.get(village.id) or 0
        share = 1.0 if village == showcase else min(1.0, VISITS_TOTAL / total * rng.uniform(0.4, 1.6))
        for number in range(int(owned * share)):
            mobile = phone(rng)
            phones.append(mobile)
            card = rng.random() < 0.7
            head = _name(rng)
            rows.append(
                [
                    village.code,
                    f"{village.name}{number // 40 + 1}组{number % 40 + 1}号",
                    head,
                    mobile,
                    (date(today.year, 1, 2) + timedelta(days=rng.randrange(days))).isoformat(),
                    _name(rng),
                    "是" if rng.random() < 0.85 else "否",
                    "是" if card else "否",
                    head if card else "",
                    "是" if rng.random() < 0.5 else "否",
                    "是" if rng.random() < 0.6 else "否",
                ]
            )
    columns = [
        "村/社区",
        "住址",
        "户主姓名",
        "联系电话",
        "走访日期",
        "走访人",
        "当面讲解",
        "发放防骗卡",
        "领卡人",
        "签订承诺书",
        "安装App",
    ]
    return pl.DataFrame(rows, schema=columns, orient="row"), phones


def _activities(rng, villages, today) -> pl.DataFrame:
    rows = []
    kinds = ["进村居", "进社区", "集中宣传日/流动集市", "讲座/培训", "广播"]
    for village in villages:
        for month in range(1, today.month + 1):
            if month < today.month or rng.random() < 0.5:
                for _ in range(rng.choice([0, 1, 1, 2])):
                    day = date(today.year, month, rng.randint(1, 28))
                    if day <= today:
                        rows.append(
                            [
                                rng.choice(kinds),
                                village.code,
                                day.isoformat(),
                                "村委会广场",
                                "村民",
                                str(rng.randint(30, 300)),
                                "1",
                            ]
                        )
        rows.append(
            [
                "横幅/海报/展板",
                village.code,
                date(today.year, 1, 15).isoformat(),
                "村口、主干道",
                "",
                "",
                str(rng.randint(2, 6)),
            ]
        )
    for school in OrgUnit.objects.filter(kind="member_unit", sector="学校"):
        for month in (3, 5, 9, 11):
            day = date(today.year, month, rng.randint(1, 28))
            if day <= today and rng.random() < 0.8:
                rows.append(
                    [
                        rng.choice(["进校园", "主题班会"]),
                        school.code,
                        day.isoformat(),
                        "教学楼",
                        "学生",
                        str(rng.randint(100, 900)),
                        "1",
                    ]
                )
    return pl.DataFrame(
        rows, schema=["活动类型", "组织单位", "日期", "地点", "对象", "受众人数", "数量"], orient="row"
    )


def _registrations(rng, villages, today) -> pl.DataFrame:
    people = dict(Population.objects.filter(year=today.year).values_list("org_id", "population"))
    rows = []
    for village in villages:
        population = people.get(village.id) or 0
        speed = rng.uniform(0.05, 0.11)
        for month in range(1, today.month):
            as_of = date(today.year, month + 1, 1) - timedelta(days=1)
            rate = min(1.0, 0.2 + speed * month)
            rows.append([village.code, "国家反诈中心App", as_of.isoformat(), str(int(population * rate))])
            rows.append([village.code, "金钟罩", as_of.isoformat(), str(int(population * rate * 0.6))])
    return pl.DataFrame(rows, schema=["单位", "工具", "截至日期", "累计注册数"], orient="row")


def _key_persons(rng, villages, today) -> pl.DataFrame:
    categories = ["涉诈前科", "滞留缅北", "拦截人员", "两卡人员", "涉诈嫌疑人员"]
    rows = []
    for _ in range(40):
        village = rng.choice(villages[len(villages) // 3 :])  # the showcase town's villages stay clear
        born = date(rng.randint(1975, 2004), rng.randint(1, 12), rng.randint(1, 28))
        rows.append(
            [
                _name(rng),
                id_number(rng, born, rng.random() < 0.8),
                rng.choice(categories),
                village.code,
                (date(today.year, 1, 1) - timedelta(days=rng.randint(0, 700))).isoformat(),
            ]
        )
    return pl.DataFrame(rows, schema=["姓名", "身份证号", "类别", "居住村/社区", "列管日期"], orient="row")


def _warnings(rng, phones, today, heads) -> pl.DataFrame:
    """A platform's warnings name the person: a household's phone is its head's, another a stranger
    (their names drawn apart, so the rest of the demo stays as it was)."""
    names = random.Random(len(phones))
    stations = list(OrgUnit.objects.filter(kind="station").values_list("name", flat=True))
    rows = []
    start = today - timedelta(days=75)
    for number in range(1500):
        when = datetime.combine(
            start + timedelta(days=rng.randrange(76)), time(rng.randint(7, 22), rng.randint(0, 59)), BEIJING
        )
        if when > timezone.now():
            continue
        mobile = rng.choice(phones) if phones and rng.random() < 0.6 else phone(rng)
        level = rng.choices(["高", "中", "低"], [2, 3, 5])[0]
        rows.append(
            [
                f"YJ{today:%Y}{number + 1:06d}",
                when.strftime("%Y-%m-%d %H:%M"),
                mobile,
                heads.get(mobile) or _name(names),
                level,
                rng.choice(RISK_TYPES),
                "国家反诈大数据平台",
                rng.choice(stations),
            ]
        )
    return pl.DataFrame(
        rows,
        schema=["预警编号", "预警时间", "电话", "姓名", "风险等级", "风险类型", "来源", "派出所"],
        orient="row",
    )


def _close_orders(rng, today) -> None:
    """Orders older than a day were worked: signed, contacted and fed back, most within the deadline."""
    cutoff = timezone.now() - timedelta(days=1)
    closing = []
    for order in VerificationOrder.objects.filter(warning__received_at__lt=cutoff).select_related("warning"):
        if rng.random() < 0.04:
            continue  # a few are left overdue, for the escalation list
        received = order.warning.received_at
        order.signed_at = received + timedelta(minutes=rng.randint(3, 90))
        outcome = rng.choices(["dissuaded", "unreachable", "false_alarm"], [75, 10, 15])[0]
        order.status, order.outcome = OrderStatus.DONE, outcome
        order.contacted = outcome != "unreachable"
        order.method = rng.choice(["phone", "visit"]) if order.contacted else ""
        order.contacted_at = (
            order.signed_at + timedelta(minutes=rng.randint(2, 240)) if order.contacted else None
        )
        closing.append(order)
    VerificationOrder.objects.bulk_update(
        closing, ["signed_at", "status", "outcome", "contacted", "method", "contacted_at"], batch_size=1000
    )


def _groups(rng, villages, today) -> int:
    made = 0
    for village in villages:
        for number in range(1, rng.randint(2, 4)):
            group = WeChatGroup.objects.create(
                name=f"{village.name}第{number}村民组反诈群",
                org=village,
                base_unit="villager_group",
                owner_name=_name(rng),
                owner_phone=phone(rng),
                member_count=rng.randint(60, 480),
                created_on=date(today.year, 1, rng.randint(5, 28)),
            )
            made += 1
            day, stop = group.created_on, today - timedelta(days=rng.choice([0, 2, 5, 12]))
            pushes = []
            while day <= stop:
                pushes.append(
                    GroupPush(
                        group=group,
                        pushed_on=day,
                        content="本周反诈提示：警惕刷单返利、冒充客服诈骗",
                        pushed_by=group.owner_name,
                    )
                )
                day += timedelta(days=rng.choice([6, 7, 7, 8]))
            GroupPush.objects.bulk_create(pushes)
    return made


def _sms(rng, today) -> None:
    operators = [
        ("mobile", OrgUnit.objects.filter(sector="通信运营商").first()),
        ("unicom", None),
        ("telecom", None),
    ]
    county = OrgUnit.objects.get(parent__isnull=True)
    for operator, org in operators:
        subscribers = rng.randint(120_000, 260_000)
        for month in range(1, today.month + 1):
            day = date(today.year, month, 10)
            if day <= today:
                sent = int(subscribers * rng.uniform(0.86, 0.99))
                SmsCampaign.objects.create(
                    org=org or county,
                    operator=operator,
                    sent_on=day,
                    sent=sent,
                    subscribers=subscribers,
                    content="【反诈提醒】凡是刷单都是诈骗",
                )


def _targets(year: int) -> None:
    county = OrgUnit.objects.get(parent__isnull=True)
    for name, measure, pct, deadline in (
        ("入户宣传第一轮全覆盖（确保不漏一户）", "visit_coverage", 100, date(year, 3, 31)),
        ("国家反诈中心App注册率80%", "app_rate", 80, date(year, 6, 30)),
        ("国家反诈中心App注册率100%", "app_rate", 100, date(year, 7, 31)),
    ):
        CoverageTarget.objects.create(
            name=name,
            measure=measure,
            scope=county,
            level="village",
            target_pct=pct,
            starts_on=date(year, 1, 1),
            deadline=deadline,
        )
