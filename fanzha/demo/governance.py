"""The demo county's work plan: the targets of the plans (docs/assessment.md, 目标任务) set on this year, and the
rules run through last month, so the governance pages have something to show on first login."""

from datetime import date, timedelta

from django.utils import timezone

from fanzha.assessment.escalations import run_escalations
from fanzha.assessment.models import Campaign, Phase, Target
from fanzha.cases.models import FraudType
from fanzha.core.periods import Period
from fanzha.orgs.models import OrgUnit

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
