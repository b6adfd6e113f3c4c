"""Campaign actions: a campaign and its phases, and milestones assigned to units — each write audited in
its transaction (fanzha/audit/actions.py)."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from fanzha.assessment.models import Campaign, Phase
from fanzha.audit import actions
from fanzha.campaigns import rules
from fanzha.campaigns.models import Milestone
from fanzha.orgs.scope import covers
from fanzha.prevention.models import Duty, DutyTemplate

CAMPAIGN_AUDIT = ("name", "source", "scope", "starts_on", "ends_on")
PHASE_AUDIT = ("campaign", "name", "starts_on", "ends_on")
MILESTONE_AUDIT = ("phase", "duty")


class CampaignError(ValueError):
    """A Chinese sentence for the user."""


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise CampaignError("结束日期不能早于开始日期")


def create_campaign(user, save, standard_phases: bool = False) -> Campaign:
    """`save()` writes the campaign (a valid form's save); with `standard_phases` the three phases
    动员部署/集中攻坚/总结验收 are laid over its dates (rules.split_phases)."""
    with transaction.atomic():
        campaign = actions.create(user, save, CAMPAIGN_AUDIT)
        _check_dates(campaign.starts_on, campaign.ends_on)
        if standard_phases:
            for name, start, end in rules.split_phases(campaign.starts_on, campaign.ends_on):
                add_phase(user, campaign, name, start, end)
    return campaign


def update_campaign(user, campaign: Campaign, save) -> Campaign:
    with transaction.atomic():
        campaign = actions.update(user, campaign, CAMPAIGN_AUDIT, save)
        _check_dates(campaign.starts_on, campaign.ends_on)
    return campaign


def _check_phase(campaign: Campaign, starts_on: date, ends_on: date) -> None:
    _check_dates(starts_on, ends_on)
    if starts_on < campaign.starts_on or ends_on > campaign.ends_on:
        raise CampaignError(
            f"阶段日期须在方案期间（{campaign.starts_on:%Y-%m-%d} 至 {campaign.ends_on:%Y-%m-%d}）之内"
        )


def add_phase(user, campaign: Campaign, name: str, starts_on: date, ends_on: date) -> Phase:
    if not name.strip():
        raise CampaignError("请填写阶段名称")
    _check_phase(campaign, starts_on, ends_on)
    return actions.create(
        user,
        lambda: Phase.objects.create(
            campaign=campaign, name=name.strip(), starts_on=starts_on, ends_on=ends_on
        ),
        PHASE_AUDIT,
    )


def update_phase(user, phase: Phase, name: str, starts_on: date, ends_on: date) -> Phase:
    if not name.strip():
        raise CampaignError("请填写阶段名称")
    _check_phase(phase.campaign, starts_on, ends_on)

    def apply():
        phase.name, phase.starts_on, phase.ends_on = name.strip(), starts_on, ends_on

    return actions.update(user, phase, PHASE_AUDIT, apply)


@dataclass
class MilestonePlan:
    """What the office assigns: a catalogue duty or a task written by hand, to several units."""

    units: list
    deadline: date
    template: DutyTemplate | None = None
    title: str = ""
    detail: str = ""


def assign_milestones(user, phase: Phase, plan: MilestonePlan) -> list[Milestone]:
    """One milestone per unit: a duty (「阶段：任务」, the deadline, the requirement) linked to `phase`.
    All or nothing: a unit outside the user's subtree, or one that already has a task of that name
    that year, stops the whole assignment with the unit named."""
    title = (plan.template.title if plan.template else plan.title).strip()
    detail = (plan.template.detail if plan.template else plan.detail).strip()
    if not title:
        raise CampaignError("请选择任务模板或填写任务名称")
    if not plan.units:
        raise CampaignError("请选择至少一个责任单位")
    campaign = phase.campaign
    if not campaign.starts_on <= plan.deadline <= campaign.ends_on:
        raise CampaignError(
            f"完成时限须在方案期间（{campaign.starts_on:%Y-%m-%d} 至 {campaign.ends_on:%Y-%m-%d}）之内"
        )
    duty_title = f"{phase.name}：{title}"[:200]
    made = []
    with transaction.atomic():
        for unit in plan.units:
            if not covers(user, unit):
                raise CampaignError(f"「{unit.display_name}」不在您的管辖范围内")
            if Duty.objects.filter(org=unit, year=plan.deadline.year, title=duty_title).exists():
                raise CampaignError(f"「{unit.display_name}」{plan.deadline.year}年已有任务「{duty_title}」")
            duty = Duty(
                org=unit,
                template=plan.template,
                title=duty_title,
                detail=detail,
                year=plan.deadline.year,
                deadline=plan.deadline,
            )
            try:
                with transaction.atomic():
                    actions.create(user, lambda d=duty: (d.save(), d)[1], ("org", "title", "deadline"))
            except IntegrityError:
                raise CampaignError(
                    f"「{unit.display_name}」{plan.deadline.year}年已有任务「{duty_title}」"
                ) from None
            made.append(
                actions.create(
                    user, lambda d=duty: Milestone.objects.create(phase=phase, duty=d), MILESTONE_AUDIT
                )
            )
    return made
