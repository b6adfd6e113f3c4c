"""The demo county's work plan: the targets of the plans (docs/assessment.md, 目标任务) set on this year, and the
rules run through last month, so the governance pages have something to show on first login."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from fanzha.assessment.escalations import run_escalations
from fanzha.assessment.models import Campaign, Phase, Target
from fanzha.cases.models import FraudType
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.orgs.models import OrgUnit
from fanzha.reports.services import draft_bulletin, issue_bulletin

FOUR_TYPES = ["虚假网络贷款", "虚假网络投资理财", "刷单返利", "网购退赔"]


def create(today: date | None = None) -> None:
    today = today or timezone.localdate()
    year = today.year
    county = OrgUnit.objects.get(parent__isnull=True)
    campaign = Campaign.objects.create(
        name=f"{year}年打击治理电信网络诈骗“两降”工作方案（示例）",
        source="002 方案1、000 篇二、003",
        scope=county,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    Phase.objects.create(
        campaign=campaign, name="动员部署", starts_on=date(year, 1, 1), ends_on=date(year, 2, 28)
    )
    Phase.objects.create(
        campaign=campaign, name="集中攻坚", starts_on=date(year, 3, 1), ends_on=date(year, 11, 30)
    )
    Phase.objects.create(
        campaign=campaign, name="总结验收", starts_on=date(year, 12, 1), ends_on=date(year, 12, 31)
    )
    four = Target.objects.create(
        campaign=campaign,
        name="一季度四类案件发案数同比下降10%",
        scope=county,
        period=f"{year}Q1",
        comparison="yoy",
        change_pct=-10,
    )
    four.fraud_types.set(FraudType.objects.filter(name__in=FOUR_TYPES))
    for name, level, period, comparison, change in (
        ("一季度全部案件发案数同比下降20%", "", f"{year}Q1", "yoy", -20),
        ("一季度损失同比下降20%", "", f"{year}Q1", "yoy", -20),
        ("全年发案数同比下降30%", "", str(year), "yoy", -30),
        ("各乡镇（街道）至6月底发案不高于上年全年60%", "town", f"{year}H1", "last_year_total", -40),
        ("各派出所下半年发案环比上半年下降10%", "station", f"{year}H2", "previous", -10),
    ):
        Target.objects.create(
            campaign=campaign,
            name=name,
            measure="loss" if "损失" in name else "cases",
            scope=county,
            level=level,
            period=period,
            comparison=comparison,
            change_pct=change,
        )
    last_month = Period.month_of(today.replace(day=1) - timedelta(days=1))
    run_escalations(Period(last_month.year - 1, 12, 1))  # last year's, awards included
    run_escalations(last_month)


def issue_bulletins(issuer, today: date | None = None, months: int = 3) -> list:
    """The monthly 通报 of the last few months, each drafted and 签发 on the 3rd of the month after
    (〔年〕第N期), so the archive and the 排名通报 records have something to show."""
    today = today or timezone.localdate()
    month = Period.month_of(today).previous()
    chosen = []
    for _ in range(months):
        chosen.insert(0, month)
        month = month.previous()
    made = []
    for month in chosen:
        after = month.end.date() + timedelta(days=2)
        with clock.frozen(datetime(after.year, after.month, after.day, 9, 30, tzinfo=BEIJING)):
            made.append(issue_bulletin(issuer, draft_bulletin(issuer, "monthly", str(month))))
    return made
