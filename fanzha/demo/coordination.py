"""The demo county's coordination work: the sample plan's phases get milestones (some accepted, some
late), the office has inspected two places, and interviewed one community's 一把手 at its discretion
— so 协调 and 督办事项 have something to show on first login (docs/coordination.md)."""

from datetime import date, timedelta

from django.utils import timezone

from fanzha.assessment.models import Campaign, Notice
from fanzha.assessment.services import record_interview
from fanzha.campaigns import services as campaigns
from fanzha.inspections import services as inspections
from fanzha.orgs.models import OrgUnit
from fanzha.prevention import duties


def create(office, today: date | None = None) -> str:
    today = today or timezone.localdate()
    campaign = Campaign.objects.order_by("id").first()
    if campaign is None:
        return "无"
    phases = list(campaign.phases.all())
    units = list(OrgUnit.objects.filter(kind="member_unit").order_by("code")[:6])
    stations = list(OrgUnit.objects.filter(kind="station").order_by("code")[:4])
    made = 0
    first = campaigns.assign_milestones(
        office,
        phases[0],
        campaigns.MilestonePlan(
            units=units, deadline=phases[0].ends_on, title="召开动员部署会并报送本单位实施方案"
        ),
    )
    middle = campaigns.assign_milestones(
        office,
        phases[1],
        campaigns.MilestonePlan(
            units=stations,
            deadline=min(phases[1].ends_on, today + timedelta(days=5)),
            title="辖区入户走访全覆盖",
        ),
    )
    made = len(first) + len(middle)
    for milestone in first[:4]:
        duties.submit(office, milestone.duty, "已召开动员部署会，实施方案已报送")
        duties.review(office, milestone.duty, True, "材料齐全")
    duties.submit(office, middle[0].duty, "已走访辖区九成以上住户")
    village = OrgUnit.objects.filter(kind="village").order_by("code").first()
    inspections.record_inspection(
        office,
        village,
        today - timedelta(days=20),
        "县反诈中心 督导组",
        "入户走访台账与宣传阵地建设",
        "台账基本齐全，宣传阵地不足",
        [
            inspections.FindingInput("入户走访台账部分户缺户主签名", today - timedelta(days=5)),
            inspections.FindingInput("村委会未设置反诈宣传栏", today + timedelta(days=10)),
        ],
    )
    notice = (
        Notice.objects.filter(org__kind__in=["community", "village"], kind="ranking")
        .order_by("-issued_on")
        .first()
    )
    if notice is not None:
        record_interview(office, notice.org, notice, today, "辖区发案连续居前，群众防范意识薄弱")
    return f"里程碑任务 {made} 项，督导检查 1 次，酌情约谈一把手 {1 if notice else 0} 次"
