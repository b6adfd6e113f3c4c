"""The 止付冻结 desk: the list in order of time left, a request with its clocks and actions, recording a
request, the bank liaison's page, returns, documents, the case page's panel and the figures. Every
read goes through `visible_to` (out of scope is a 404); every change through services.py."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core import clock, export
from fanzha.core.money import format_yuan
from fanzha.core.numbers import whole_number
from fanzha.core.periods import Period, PeriodError, parse_period
from fanzha.strike import queries, returns, services
from fanzha.strike.forms import ConfirmForm, DeskFilter, FailForm, FollowForm, RequestForm
from fanzha.strike.models import HOLDING_KINDS, Kind, State, StrikeRequest
from fanzha.strike.rules import may_repeat_stop

PII_FIELDS = "账号、开户人证件号"


def _requests(request):
    return StrikeRequest.objects.visible_to(request.user).select_related(
        "case", "case__station", "account", "bank", "officer", "previous"
    )


def _reveal(request, strike_request) -> bool:
    asked = request.GET.get("clear") == "1" or request.GET.get("reveal") == "1"
    if asked and queries.may_reveal(request.user, strike_request):
        audit.record_access(
            request, "view", "strike.strikerequest", strike_request.pk, PII_FIELDS, str(strike_request)
        )
        return True
    return False


def _desk_queryset(request, form):
    rows = _requests(request)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("station"):
            rows = rows.filter(case__station=data["station"])
        if data.get("bank"):
            rows = rows.filter(bank=data["bank"])
        if data.get("state"):
            rows = rows.filter(state=data["state"])
    else:
        rows = rows.none()
    return rows


@login_required
@permission_required("strike.view_strikerequest", raise_exception=True)
def desk(request):
    form = DeskFilter(request.GET or None, user=request.user)
    rows = _desk_queryset(request, form) if request.GET else _requests(request)
    now = clock.now()
    context = {
        "form": form,
        "rows": queries.desk_rows(rows, now),
        "late_documents": queries.late_documents_by_station(_requests(request), now),
        "now": now,
    }
    return render(request, "strike/desk.html", context)


@login_required
@permission_required("strike.confirm_request", raise_exception=True)
def bank_desk(request):
    """The bank liaison's page: requests to their bank awaiting an answer or a signature first."""
    now = clock.now()
    open_rows = _requests(request).filter(state=State.PENDING) | _requests(request).filter(
        documents_due_at__isnull=False, documents_received_at__isnull=True
    ).exclude(state=State.FAILED)
    recent = _requests(request).exclude(pk__in=open_rows.values("pk")).order_by("-requested_at")[:20]
    return render(
        request,
        "strike/bank.html",
        {
            "rows": queries.desk_rows(open_rows.distinct(), now),
            "recent": recent,
            "confirm_form": ConfirmForm(),
            "fail_form": FailForm(),
        },
    )


@login_required
@permission_required("strike.add_strikerequest", raise_exception=True)
def new_request(request):
    initial = {}
    if request.GET.get("case"):
        found = Case.objects.visible_to(request.user).filter(pk=request.GET["case"]).first()
        if found is not None:
            initial["case_number"] = found.case_number
    if request.GET.get("account"):  # one click from 资金查控's freeze candidates
        initial["number"] = request.GET["account"][:64]
    if (fen := whole_number(request.GET.get("amount"), digits=15)) is not None:
        initial["amount"] = Decimal(fen) / 100
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = (
            Case.objects.visible_to(request.user)
            .filter(case_number=data["case_number"].strip().upper())
            .first()
        )
        if case is None:
            form.add_error("case_number", "在您管辖范围内找不到该案件编号")
        else:
            try:
                account = services.account_for(
                    services.AccountInput(
                        data["bank"],
                        data["number"],
                        data["account_kind"],
                        data["holder_name"],
                        data["holder_id_number"],
                    )
                )
                made = services.record_request(
                    request.user,
                    case,
                    account,
                    data["kind"],
                    data["channel"],
                    data["amount"] or 0,
                    note=data["note"],
                )
            except services.StrikeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已登记{made.get_kind_display()}请求，请在24小时内送达法律文书")
                return redirect("strike:detail", pk=made.pk)
    return render(request, "strike/new.html", {"form": form})


ACTIONS = {
    # action: (permission, needs a form)
    "confirm": "strike.confirm_request",
    "fail": "strike.confirm_request",
    "receive": "strike.confirm_request",
    "deliver": "strike.act_request",
    "renew": "strike.act_request",
    "convert": "strike.act_request",
    "release": "strike.act_request",
}


def _act(request, strike_request) -> str | None:
    action = request.POST.get("action")
    if action not in ACTIONS:
        raise Http404
    if not request.user.has_perm(ACTIONS[action]):
        raise PermissionDenied
    user = request.user
    if action == "confirm":
        form = ConfirmForm(request.POST)
        if not form.is_valid() or form.cleaned_data["amount"] is None:
            reasons = "；".join(e for errors in form.errors.values() for e in errors)
            raise services.StrikeError(f"金额：{reasons or '请填写金额（元）'}")
        services.confirm(user, strike_request, form.cleaned_data["amount"])
        return f"已反馈：{strike_request.get_state_display()}，金额 {format_yuan(form.cleaned_data['amount'])} 元"
    if action == "fail":
        form = FailForm(request.POST)
        if not form.is_valid():
            raise services.StrikeError("请选择未成功原因")
        services.fail(user, strike_request, form.cleaned_data["reason"], form.cleaned_data["note"])
        return f"已反馈未成功：{strike_request.get_failure_reason_display()}"
    if action == "receive":
        services.receive_documents(user, strike_request)
        return "已签收法律文书"
    if action == "deliver":
        services.deliver_documents(user, strike_request)
        return "已登记法律文书送达"
    form = FollowForm(request.POST)
    if not form.is_valid():
        raise services.StrikeError("请选择方式")
    channel, note = form.cleaned_data["channel"], form.cleaned_data["note"]
    if action == "renew":
        made = services.renew(user, strike_request, channel, note)
    elif action == "convert":
        made = services.convert_to_freeze(user, strike_request, channel, note)
    else:
        made = services.release(user, strike_request, channel, note)
    return f"已登记{made.get_kind_display()}请求 #{made.pk}"


def _plans(request, source) -> list[tuple]:
    """Each return plan of a freeze with its shares, a share's case named only where the reader sees it."""
    made = []
    for plan in source.return_plans.all():
        shares = list(plan.shares.select_related("case", "case__station").order_by("id"))
        seen = set(
            Case.objects.visible_to(request.user)
            .filter(pk__in=[s.case_id for s in shares])
            .values_list("pk", flat=True)
        )
        rows = [
            (n, s, s.case.case_number if s.case_id in seen else f"辖区外案件（{s.case.station}）")
            for n, s in enumerate(shares, start=1)
        ]
        made.append((plan, rows))
    return made


@login_required
def detail(request, pk):
    strike_request = get_object_or_404(_requests(request), pk=pk)
    if not request.user.has_perm("strike.view_strikerequest"):
        raise PermissionDenied
    if request.method == "POST":
        try:
            done = _act(request, strike_request)
        except services.StrikeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
        return redirect("strike:detail", pk=strike_request.pk)
    now = clock.now()
    r = strike_request
    context = {
        "r": r,
        "row": queries.row(r, now, queries.amber_hours()),
        "reveal": _reveal(request, r),
        "may_reveal": queries.may_reveal(request.user, r),
        "case_visible": Case.objects.visible_to(request.user).filter(pk=r.case_id).exists(),
        "chain": _requests(request)
        .filter(account=r.account, case=r.case)
        .exclude(pk=r.pk)
        .order_by("-requested_at"),
        "plans": _plans(request, r),
        "confirm_form": ConfirmForm(),
        "fail_form": FailForm(),
        "follow_form": FollowForm(),
        "can_repeat": r.kind == Kind.STOP and may_repeat_stop(r.repeat),
        "holding": r.kind in HOLDING_KINDS and r.state == State.IN_FORCE,
        "returning": r.followers.filter(kind=Kind.RETURN, state=State.PENDING).exists(),
        "documents": queries.DOCUMENTS,
        "labels": returns.METHOD_LABELS,
    }
    return render(request, "strike/detail.html", context)


@login_required
def plan_return(request, pk):
    """返还: the victims whose money sits in the frozen account, their losses (and traced amounts), the
    shares and the arithmetic; saving makes one 返还 request per victim."""
    source = get_object_or_404(_requests(request), pk=pk)
    if not request.user.has_perm("strike.act_request"):
        raise PermissionDenied
    victims = services.victims_of(source)
    seen = set(
        Case.objects.visible_to(request.user)
        .filter(pk__in=[v.case_id for v in victims])
        .values_list("pk", flat=True)
    )
    entries, errors = [], []
    for v in victims:
        label = v.case.case_number if v.case_id in seen else f"辖区外案件（{v.case.station}）"
        loss_text = request.POST.get(f"loss-{v.case_id}", format_yuan(v.case.loss_fen, grouping=False))
        traced_text = request.POST.get(f"traced-{v.case_id}", "")
        entries.append({"case": v.case, "label": label, "loss": loss_text, "traced": traced_text})
    plan = None
    if request.method == "POST":
        claims = []
        for e in entries:
            try:
                loss = services.parse_amount(e["loss"], f"{e['label']} 被骗金额")
                traced = (
                    services.parse_amount(e["traced"], f"{e['label']} 溯源金额")
                    if e["traced"].strip()
                    else None
                )
            except services.StrikeError as exc:
                errors.append(str(exc))
                continue
            claims.append(returns.Claim(e["case"], e["label"], loss or 0, traced))
        if not errors:
            try:
                if request.POST.get("save") == "1":
                    made = services.plan_return(
                        request.user, source, claims, request.POST.get("channel") or "counter"
                    )
                    messages.success(request, f"已生成返还方案，{made.shares.count()} 项返还请求待银行反馈")
                    return redirect("strike:detail", pk=source.pk)
                plan = returns.shares(source.held_fen - source.returned_fen, claims)
            except (services.StrikeError, returns.ReturnError) as exc:
                errors.append(str(exc))
    return render(
        request,
        "strike/return.html",
        {
            "source": source,
            "entries": entries,
            "plan": plan,
            "errors": errors,
            "labels": returns.METHOD_LABELS,
        },
    )


@login_required
def case_panel(request, pk):
    """The case page's panel (loaded by hx-get): this case's requests, and any stop or freeze of one of
    its accounts made for another case (outside the reader's subtree: station and day only)."""
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("strike.view_strikerequest"):
        raise PermissionDenied
    panel = queries.case_panel(case, request.user)
    return render(request, "strike/case_panel.html", {"case": case, "panel": panel})


def _period(request) -> Period:
    text = request.GET.get("period")
    if not text:
        return Period.month_of(timezone.localdate())
    try:
        found = parse_period(text)
    except PeriodError as exc:
        messages.error(request, str(exc))
        return Period.month_of(timezone.localdate())
    return found


FIGURE_COLUMNS = [
    ("station", "派出所"),
    ("month", "月份"),
    ("requests", "请求数"),
    ("held", "止付冻结金额（元）"),
    ("returned", "返还金额（元）"),
    ("on_time", "文书按时送达率%"),
    ("median", "报案→止付中位数（分钟）"),
]


@login_required
@permission_required("strike.view_strikerequest", raise_exception=True)
def figures(request):
    period = _period(request)
    rows = queries.figures(StrikeRequest.objects.visible_to(request.user), period.start, period.end)
    table = [
        {
            "station": f.station,
            "month": f.month,
            "requests": f.requests,
            "held": format_yuan(f.held_fen),
            "returned": format_yuan(f.returned_fen),
            "on_time": "" if f.documents_on_time_pct is None else f.documents_on_time_pct,
            "median": "" if f.median_minutes_to_stop is None else f"{f.median_minutes_to_stop:g}",
        }
        for f in rows
    ]
    if request.GET.get("format") in ("csv", "xlsx"):
        cells = [[t for _, t in FIGURE_COLUMNS], *([r[k] for k, _ in FIGURE_COLUMNS] for r in table)]
        name = f"止付冻结统计-{period}"
        if request.GET["format"] == "csv":
            return export.csv_response(cells, name)
        return export.xlsx_response(cells, name, "止付冻结统计")
    return render(
        request,
        "strike/figures.html",
        {
            "rows": table,
            "columns": FIGURE_COLUMNS,
            "period": period,
            "period_text": request.GET.get("period") or str(period),
        },
    )
