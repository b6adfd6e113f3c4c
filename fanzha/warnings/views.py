from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core import clock, export
from fanzha.core.periods import Period, PeriodError, parse_period
from fanzha.parameters import config
from fanzha.warnings import followups, queries, rules, services, stats
from fanzha.warnings.forms import FollowUpForm, OutcomeForm, ReassignForm, ResolveForm
from fanzha.warnings.models import AccountabilityReview, FollowUp, OrderStatus, VerificationOrder

STATS_COLUMNS = [
    ("name", "单位"),
    ("total", "预警数"),
    ("signed", "已签收"),
    ("done", "已反馈"),
    ("overdue", "超时未联系"),
    ("late_contact", "超时后联系"),
    ("dissuaded", "成功劝阻"),
    ("defrauded", "已被骗"),
    ("unreachable", "无法联系"),
    ("false_alarm", "误报"),
    ("success_rate_pct", "劝阻成功率%"),
    ("minutes_to_sign", "平均签收用时（分钟）"),
    ("minutes_to_contact", "平均首次联系用时（分钟）"),
]


def _orders(request):
    return VerificationOrder.objects.visible_to(request.user).select_related(
        "warning", "assigned_to__parent", "station", "household"
    )


def _may_call(request, order) -> bool:
    """The assigned unit and the order's station, while it is open (warnings/rules.py)."""
    return request.user.has_perm("warnings.act_order") and rules.may_call(
        request.user.org_id, order.assigned_to_id, order.station_id, order.status != OrderStatus.DONE
    )


def _reveal(request, order) -> tuple[bool, bool]:
    """→ (clear text asked for by a `cases.view_pii` holder, the phone as a call link); either is
    written to the personal-data access log, once per page shown."""
    reveal = request.GET.get("clear") == "1" and request.user.has_perm("cases.view_pii")
    call = _may_call(request, order)
    if reveal or call:
        fields = "预警对象电话、身份证号" if reveal else "预警对象电话（责任单位拨打）"
        audit.record_access(
            request, "view", "warnings.verificationorder", order.pk, fields, order.warning.external_id
        )
    return reveal, call


@login_required
@permission_required("warnings.view_verificationorder", raise_exception=True)
def order_detail(request, pk):
    order = get_object_or_404(_orders(request), pk=pk)
    outcome_form = OutcomeForm(request.POST if request.POST.get("action") == "outcome" else None)
    reassign_form = ReassignForm(
        request.POST if request.POST.get("action") == "reassign" else None, user=request.user
    )
    if request.method == "POST":
        if not request.user.has_perm("warnings.act_order"):
            raise PermissionDenied
        try:
            done = _act(request, order, outcome_form, reassign_form)
        except services.OrderError as exc:
            messages.error(request, str(exc))
            done = None
        if done:
            messages.success(request, done)
            return redirect(request.path)
    reveal, call = _reveal(request, order)
    now = clock.now()
    context = {
        "order": order,
        "warning": order.warning,
        "reveal": reveal,
        "call": call,
        "address": queries.address_of(order),
        "clock": rules.time_left(now, order.deadline, order.warning.received_at)
        if order.status != OrderStatus.DONE
        else None,
        "overdue": order.is_overdue(now),
        "outcome_form": outcome_form,
        "reassign_form": reassign_form,
    }
    return render(request, "warnings/order.html", context)


def _act(request, order, outcome_form, reassign_form) -> str | None:
    action = request.POST.get("action")
    if action == "sign":
        services.sign(request.user, order)
        return "已签收"
    if action == "outcome" and outcome_form.is_valid():
        data = outcome_form.cleaned_data
        case = None
        if data["case_number"]:
            case = (
                Case.objects.visible_to(request.user)
                .filter(case_number=data["case_number"].strip().upper())
                .first()
            )
            if case is None:
                outcome_form.add_error(
                    "case_number", "在您管辖范围内找不到该案件编号；可先在案件台账中新增案件"
                )
                return None
        services.record_outcome(
            request.user,
            order,
            contacted=data["contacted"],
            method=data["method"],
            outcome=data["outcome"],
            note=data["note"],
            case=case,
        )
        return "已反馈处置结果"
    if action == "reassign" and reassign_form.is_valid():
        services.reassign(request.user, order, reassign_form.cleaned_data["org"])
        return f"已分派给{reassign_form.cleaned_data['org']}"
    return None


@login_required
@permission_required("warnings.view_verificationorder", raise_exception=True)
def my_orders(request):
    """The grid worker's phone page: open orders of their unit, the most urgent first, each with who,
    where and the time left to the first-contact deadline."""
    now = clock.now()
    pending = list(_orders(request).exclude(status=OrderStatus.DONE).order_by("deadline")[:200])
    recent = _orders(request).filter(status=OrderStatus.DONE).order_by("-contacted_at", "-id")[:20]
    places = queries.addresses(pending)
    rows = [
        (o, places.get(o.pk, ""), *rules.time_left(now, o.deadline, o.warning.received_at)) for o in pending
    ]
    return render(request, "warnings/mine.html", {"rows": rows, "recent": recent})


@login_required
@permission_required("warnings.view_verificationorder", raise_exception=True)
def order_stats(request):
    text = request.GET.get("period") or str(Period.last_complete_month())
    by = "village" if request.GET.get("by") == "village" else "station"
    try:
        period = parse_period(text)
    except PeriodError as exc:
        messages.error(request, str(exc))
        period = Period.last_complete_month()
    rows = stats.order_stats(VerificationOrder.objects.visible_to(request.user), period, by)
    if request.GET.get("format") in ("csv", "xlsx"):
        table = [
            [t for _, t in STATS_COLUMNS],
            *(export.cells(r, STATS_COLUMNS) for r in rows),
        ]
        name = f"预警劝阻统计-{period}"
        return (
            export.csv_response(table, name)
            if request.GET["format"] == "csv"
            else export.xlsx_response(table, name, "预警劝阻统计")
        )
    totals = {
        key: sum(r[key] for r in rows) for key in ("total", "done", "overdue", "dissuaded", "false_alarm")
    }
    return render(
        request,
        "warnings/stats.html",
        {
            "rows": rows,
            "columns": STATS_COLUMNS,
            "period": period,
            "period_text": text,
            "by": by,
            "totals": totals,
        },
    )


@login_required
@permission_required("warnings.conduct_followup", raise_exception=True)
def draw_followups(request):
    if request.method == "POST":
        try:
            period = parse_period(request.POST.get("period") or str(Period.last_complete_month()))
        except PeriodError as exc:
            messages.error(request, str(exc))
            return redirect("warnings:followups")
        made = followups.draw_sample(period, config.current()["followup.sample_pct"], request.user)
        messages.success(request, f"{period.label}：新抽取回访案件 {len(made)} 件")
    return redirect("warnings:followups")


@login_required
@permission_required("warnings.view_followup", raise_exception=True)
def followup_detail(request, pk):
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(request.user).select_related(
            "case", "case__place", "visit", "visit__household"
        ),
        pk=pk,
    )
    initial = {
        "forms_": followups.suggested_forms(follow_up),
        "received": "yes" if follow_up.visit_id else None,
    }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not request.user.has_perm("warnings.conduct_followup"):
            raise PermissionDenied
        if form.is_valid():
            try:
                data = form.cleaned_data
                reviews = followups.record(
                    request.user, follow_up, data["received"], data["forms_"], data["note"]
                )
                messages.success(
                    request, "已登记回访" + (f"，已对 {len(reviews)} 个责任单位启动倒查" if reviews else "")
                )
                return redirect("warnings:followup", pk=follow_up.pk)
            except followups.FollowUpError as exc:
                messages.error(request, str(exc))
    context = {
        "follow_up": follow_up,
        "form": form,
        "reviews": follow_up.reviews.select_related("org"),
        "forms_labels": followups.FORMS,
    }
    return render(request, "warnings/followup.html", context)


@login_required
@permission_required("warnings.view_accountabilityreview", raise_exception=True)
def review_detail(request, pk):
    review = get_object_or_404(
        AccountabilityReview.objects.visible_to(request.user).select_related("org", "follow_up__case"), pk=pk
    )
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("warnings.resolve_review"):
            raise PermissionDenied
        if form.is_valid():
            try:
                followups.resolve(
                    request.user, review, form.cleaned_data["outcome"], form.cleaned_data["note"]
                )
                messages.success(request, "倒查已办结")
                return redirect("warnings:review", pk=review.pk)
            except followups.FollowUpError as exc:
                messages.error(request, str(exc))
    return render(request, "warnings/review.html", {"review": review, "form": form})
