"""The demo county's clues pushed from above (上级推送线索) over the last two months: batches from the
province and the ministry's platform, imported through the clue importer (so each is matched and
assigned), most of them verified, some 打处, a few past their deadline and a few in the county queue."""

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

import polars as pl
from django.db.models import Count
from django.utils import timezone

from fanzha.cases.models import SuspectIdentifier
from fanzha.clues import services
from fanzha.clues.models import Clue, ClueState
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.demo.generator import phone
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.orgs.models import OrgUnit
from fanzha.prevention.models import Household

KIND_LABEL = {"phone": "手机号", "account": "银行卡", "url": "网址", "social": "微信"}
SOURCES = ["省厅反诈中心", "市局反诈中心", "公安部刑侦局涉诈线索平台"]
FINDINGS = [
    "经核查，机主为本辖区人员，已查明落脚点",
    "经核查，该卡开户人已到案说明情况",
    "经核查，号码已注销，关联人员已落地",
]


def create(folder: Path, today: date | None = None, seed: int = 3) -> str:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    rows = _batches(rng, today)
    path = folder / "上级推送线索.csv"
    pl.DataFrame(
        rows, schema=["线索类型", "线索内容", "来源", "批次号", "接收日期", "核查时限"], orient="row"
    ).write_csv(path)
    result = run_import(importer_class("clues")(None), path)
    if not result.committed:
        raise RuntimeError("演示线索导入失败：" + "；".join(str(e) for e in result.errors[:5]))
    struck = _work(rng, today)
    queued = Clue.objects.filter(state=ClueState.UNASSIGNED).count()
    return f"{result.counts.created} 条（打处 {struck} 人，县局待分配 {queued} 条）"


def _batches(rng, today) -> list[list[str]]:
    held = list(
        SuspectIdentifier.objects.values("kind", "value")
        .annotate(n=Count("id"))
        .filter(n__lte=5, kind__in=("phone", "account"))
        .order_by("kind", "value")
        .values_list("kind", "value")[:400]
    )
    picked = rng.sample(held, min(60, len(held)))
    residents = list(Household.objects.exclude(phone="").order_by("id").values_list("phone", flat=True)[:500])
    values = [(KIND_LABEL[kind], value) for kind, value in picked]
    values += [("手机号", p) for p in rng.sample(residents, min(8, len(residents)))]
    values += [("手机号", phone(rng)) for _ in range(6)]
    values += [
        ("网址", f"http://{rng.choice(['pay', 'vip', 'kefu'])}{n}.fake-invest.example/") for n in range(3)
    ]
    values += [("微信", f"wxid_demo{n:03d}") for n in range(3)]
    rng.shuffle(values)
    rows = []
    for number, (kind, value) in enumerate(values):
        received = today - timedelta(days=rng.randrange(0, 60))
        # two in three name their deadline; the rest get the county's default
        deadline = (received + timedelta(days=rng.choice([3, 5, 7]))).isoformat() if number % 3 else ""
        batch = f"{rng.choice(['SJ', 'ST', 'BJ'])}{received:%Y%m}-{number // 10 + 1:02d}"
        rows.append([kind, value, rng.choice(SOURCES), batch, received.isoformat(), deadline])
    return rows


def _work(rng, today) -> int:
    """The stations' work on the clues: most verified a day or two after they came, some 打处; the
    last days' clues still open (some of them overdue, as they are in life)."""
    stations = list(OrgUnit.objects.filter(kind="station").order_by("code"))
    people = 0
    unplaced = list(Clue.objects.filter(station__isnull=True).order_by("received_on", "id"))
    for clue in unplaced[:-4]:  # the county assigned all but the newest four by hand
        services.assign(None, clue, rng.choice(stations))
    for clue in Clue.objects.filter(station__isnull=False).order_by("received_on", "id"):
        age = (today - clue.received_on).days
        if age < 4 or rng.random() < 0.12:
            continue  # still open
        day = min(clue.received_on + timedelta(days=rng.choice([1, 2, 3, 4, 6])), today)
        moment = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 17), 0)), BEIJING)
        with clock.frozen(moment):
            if rng.random() < 0.3:
                handled = rng.randint(1, 3)
                services.record_strike(None, clue, people=handled, finding=rng.choice(FINDINGS))
                people += handled
            else:
                services.record_finding(
                    None, clue, landed=rng.random() < 0.75, finding=rng.choice(FINDINGS), officer="值班民警"
                )
    return people
