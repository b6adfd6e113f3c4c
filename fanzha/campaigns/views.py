from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render

from fanzha.assessment.models import Campaign, Phase
from fanzha.campaigns import queries, rules, services
from fanzha.campaigns.forms import CampaignForm, MilestoneForm, PhaseForm
from fanzha.core.numbers import whole_number

VIEW = "campaigns.view_milestone"
MANAGE = "campaigns.manage_campaign"


def _campaign(request, pk) -> Campaign:
    return get_object_or_404(Campaign.objects.visible_to(request.user).select_related("scope"), pk=pk)


def _phase(request, pk) -> Phase:
    """A phase of a campaign the user sees; any other is a 404."""
    visible = Campaign.objects.visible_to(request.user)
    return get_object_or_404(
        Phase.objects.select_related("campaign__scope").filter(campaign__in=visible), pk=pk
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def campaign_list(request):
    today = queries.today()
    campaigns = list(queries.campaigns_for(request.user))
    grids = {c.pk: queries.progress(request.user, c, today).totals for c in campaigns}
    rows = [(c, grids[c.pk]) for c in campaigns]
    return render(request, "campaigns/list.html", {"rows": rows, "today": today})


@login_required
@permission_required(MANAGE, raise_exception=True)
def campaign_new(request):
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(
                request.user, form.save, standard_phases=form.cleaned_data["standard_phases"]
            )
        except services.CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已建立方案「{campaign.name}」")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": "新建专项行动方案"})


@login_required
@permission_required(MANAGE, raise_exception=True)
def campaign_edit(request, pk):
    campaign = _campaign(request, pk)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(request.user, campaign, form.save)
        except services.CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "已保存")
            return redirect("campaigns:detail", pk=campaign.pk)
    context = {"form": form, "title": f"修改方案：{campaign.name}", "campaign": campaign}
    return render(request, "campaigns/form.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    today = queries.today()
    context = {
        "campaign": campaign,
        "grid": queries.progress(request.user, campaign, today),
        "targets": campaign.targets.select_related("scope"),
        "today": today,
        "labels": rules.STATE_LABELS,
        "phase_form": PhaseForm() if request.user.has_perm(MANAGE) else None,
    }
    return render(request, "campaigns/detail.html", context)


@login_required
@permission_required(MANAGE, raise_exception=True)
def phase_new(request, pk):
    campaign = _campaign(request, pk)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_phase(request.user, campaign, **form.cleaned_data)
        except services.CampaignError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已添加阶段「{form.cleaned_data['name']}」")
    elif request.method == "POST":
        messages.error(request, "请填写阶段名称、开始日期和结束日期")
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def phase_detail(request, pk):
    phase = _phase(request, pk)
    manage = request.user.has_perm(MANAGE)
    phase_form = milestone_form = None
    if manage:
        posted = request.POST if request.method == "POST" else None
        which = request.POST.get("action") if posted else None
        phase_form = PhaseForm(
            posted if which == "phase" else None,
            initial={"name": phase.name, "starts_on": phase.starts_on, "ends_on": phase.ends_on},
        )
        milestone_form = MilestoneForm(
            posted if which == "milestone" else None, user=request.user, phase=phase
        )
        form = phase_form if which == "phase" else milestone_form if which == "milestone" else None
        if form is not None and form.is_valid():
            try:
                if which == "phase":
                    services.update_phase(request.user, phase, **form.cleaned_data)
                    messages.success(request, "已保存阶段")
                else:
                    data = form.cleaned_data
                    made = services.assign_milestones(
                        request.user,
                        phase,
                        services.MilestonePlan(
                            units=list(data["units"]),
                            deadline=data["deadline"],
                            template=data["template"],
                            title=data["title"],
                            detail=data["detail"],
                        ),
                    )
                    messages.success(request, f"已向 {len(made)} 个单位分配里程碑任务")
                return redirect("campaigns:phase", pk=phase.pk)
            except services.CampaignError as error:
                form.add_error(None, str(error))
    today = queries.today()
    rows = queries.filtered(request.user, phase.campaign, today, phase=phase.pk)
    context = {
        "phase": phase,
        "campaign": phase.campaign,
        "rows": rows,
        "labels": rules.STATE_LABELS,
        "phase_form": phase_form,
        "milestone_form": milestone_form,
    }
    return render(request, "campaigns/phase.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def milestone_list(request, pk):
    campaign = _campaign(request, pk)
    today = queries.today()

    def number(key):
        value = request.GET.get(key, "")
        return whole_number(value)

    state = request.GET.get("state", "")
    state = state if state in rules.STATE_LABELS else None
    rows = queries.filtered(
        request.user, campaign, today, unit=number("unit"), phase=number("phase"), state=state
    )
    context = {
        "campaign": campaign,
        "rows": rows,
        "labels": rules.STATE_LABELS,
        "state": state,
    }
    return render(request, "campaigns/milestones.html", context)
