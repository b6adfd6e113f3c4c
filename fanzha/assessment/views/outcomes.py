from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fanzha.assessment.models import Notice, Outcome
from fanzha.assessment.models.notices import NoticeKind
from fanzha.assessment.models.outcomes import OutcomeKind, OutcomeStatus
from fanzha.assessment.services import (
    INTERVIEWED_KINDS,
    EntryError,
    act_on_outcome,
    record_interview,
    record_notice,
)
from fanzha.audit.models import ObjectChange
from fanzha.audit.readable import readable_changes
from fanzha.core import clock
from fanzha.core.numbers import whole_number
from fanzha.orgs.models import OrgUnit


@login_required
@permission_required("assessment.view_outcome", raise_exception=True)
def outcome_list(request):
    outcomes = Outcome.objects.visible_to(request.user).select_related("org__parent", "case")
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    if kind in OutcomeKind.values:
        outcomes = outcomes.filter(kind=kind)
    if status in OutcomeStatus.values:
        outcomes = outcomes.filter(status=status)
    page = Paginator(outcomes, 50).get_page(request.GET.get("page"))
    notices = []
    if request.user.has_perm("assessment.add_notice"):
        notices = (
            Notice.objects.visible_to(request.user)
            .filter(org__kind__in=INTERVIEWED_KINDS)
            .select_related("org__parent")
            .order_by("-issued_on", "org__path")[:300]
        )
    context = {
        "page": page,
        "notices": notices,
        "chosen_notice": request.GET.get("notice", ""),
        "today": timezone.localtime(clock.now()).date(),
        "kinds": OutcomeKind.choices,
        "statuses": OutcomeStatus.choices,
        "kind": kind,
        "status": status,
    }
    return render(request, "assessment/outcomes.html", context)


@login_required
@permission_required("assessment.view_outcome", raise_exception=True)
def outcome_detail(request, pk):
    outcome = get_object_or_404(
        Outcome.objects.visible_to(request.user).select_related("org__parent", "case", "notice"), pk=pk
    )
    if request.method == "POST":
        if not request.user.has_perm("assessment.act_outcome"):
            messages.error(request, "您没有办理督办事项的权限")
        else:
            try:
                act_on_outcome(
                    request.user, outcome, request.POST.get("status", ""), request.POST.get("note", "")
                )
                messages.success(request, f"已{outcome.get_status_display()}")
                return redirect(outcome)
            except EntryError as error:
                messages.error(request, str(error))
    history = ObjectChange.objects.filter(model="assessment.outcome", object_id=str(outcome.pk))
    context = {"outcome": outcome, "history": [(c, readable_changes(c, False)) for c in history]}
    return render(request, "assessment/outcome.html", context)


@login_required
@permission_required("assessment.view_notice", raise_exception=True)
def notice_list(request):
    notices = Notice.objects.visible_to(request.user).select_related("org__parent")
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    units = (
        OrgUnit.objects.visible_to(request.user).select_related("parent").order_by("path")
        if request.user.has_perm("assessment.add_notice")
        else []
    )
    manual = [c for c in NoticeKind.choices if c[0] != NoticeKind.RANKING]
    context = {"page": page, "units": units, "kinds": manual, "interviewed": INTERVIEWED_KINDS}
    return render(request, "assessment/notices.html", context)


@login_required
@permission_required("assessment.add_notice", raise_exception=True)
@require_POST
def notice_add(request):
    org = OrgUnit.objects.visible_to(request.user).filter(pk=request.POST.get("org") or 0).first()
    try:
        if org is None:
            raise EntryError("请选择被通报单位")
        record_notice(request.user, org, request.POST)
        messages.success(request, f"已记录：{org.name}")
    except EntryError as error:
        messages.error(request, str(error))
    return redirect("assessment:notices")


@login_required
@permission_required("assessment.add_notice", raise_exception=True)
@require_POST
def interview_add(request):
    """约谈一把手 at the office's discretion, citing a 通报 record of the unit."""
    notice = (
        Notice.objects.visible_to(request.user)
        .select_related("org__parent")
        .filter(pk=whole_number(request.POST.get("notice")) or 0)
        .first()
    )
    try:
        if notice is None:
            raise EntryError("请选择所依据的通报")
        try:
            on = date.fromisoformat(request.POST.get("on", ""))
        except ValueError:
            raise EntryError("「约谈日期」请按 2024-03-05 的格式填写") from None
        outcome = record_interview(request.user, notice.org, notice, on, request.POST.get("reason", ""))
        messages.success(request, f"已记录：约谈「{notice.org.display_name}」一把手")
        return redirect(outcome)
    except EntryError as error:
        messages.error(request, str(error))
    return redirect("assessment:outcomes")
