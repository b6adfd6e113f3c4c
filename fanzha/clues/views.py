"""The clue pages: the county queue, a station's list by deadline, a clue with its matches and actions,
manual entry and the figures. Every read goes through `Clue.objects.visible_to(user)`: a clue outside
the reader's subtree (or any clue, to a role without the clue permission) is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fanzha.audit import log as audit
from fanzha.cases.queries import identifiers_of
from fanzha.clues import queries, rules, services
from fanzha.clues.case_panel import clues_of_case
from fanzha.clues.forms import AssignForm, ClueForm, FindingForm, StrikeForm
from fanzha.clues.matches import shown_matches
from fanzha.clues.models import OPEN_STATES, Clue, ClueState
from fanzha.core import export
from fanzha.core.periods import PeriodError, parse_period
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit

PAGE_SIZE = 100


def _clues(request):
    """The clues the user may see: their subtree's, and none without the clue permission."""
    if not request.user.has_perm("clues.view_clue"):
        return Clue.objects.none()
    return Clue.objects.visible_to(request.user).select_related("station")


def _marked(clues, today):
    return [(clue, rules.urgency(clue.deadline, today, clue.is_open)) for clue in clues]


@login_required
@permission_required("clues.view_clue", raise_exception=True)
def station_list(request):
    """A station's clues, the nearest deadline first (red: past; amber: due within a day)."""
    show = request.GET.get("show", "open")
    clues = _clues(request)
    stations = list(OrgUnit.objects.visible_to(request.user).filter(kind=OrgKind.STATION).order_by("path"))
    station = next((s for s in stations if str(s.pk) == request.GET.get("station")), None)
    if station is not None:
        clues = clues.filter(station=station)
    if show == "open":
        clues = clues.filter(state__in=OPEN_STATES, station__isnull=False)
    elif show == "done":
        clues = clues.exclude(state__in=OPEN_STATES)
    else:
        show = "all"
    today = services.today()
    page = Paginator(clues.order_by("deadline", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    overdue = services.overdue(clues, today).count()
    context = {
        "page": page,
        "rows": _marked(page, today),
        "show": show,
        "stations": stations if len(stations) > 1 else [],
        "station": station,
        "overdue": overdue,
        "queued": _clues(request).filter(station__isnull=True, state=ClueState.UNASSIGNED).count(),
    }
    return render(request, "clues/list.html", context)


@login_required
@permission_required("clues.assign_clue", raise_exception=True)
def queue(request):
    """县局待分配: clues no ledger placed, each with a station to pick."""
    today = services.today()
    clues = (
        _clues(request).filter(station__isnull=True, state=ClueState.UNASSIGNED).order_by("deadline", "id")
    )
    page = Paginator(clues, PAGE_SIZE).get_page(request.GET.get("page"))
    form = AssignForm(user=request.user)
    return render(request, "clues/queue.html", {"page": page, "rows": _marked(page, today), "form": form})


@login_required
@require_POST
def assign(request, pk):
    clue = get_object_or_404(_clues(request), pk=pk)
    if not request.user.has_perm("clues.assign_clue"):
        raise PermissionDenied
    form = AssignForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.assign(request.user, clue, form.cleaned_data["station"])
            messages.success(request, f"已将线索分配至{clue.station}")
        except services.ClueError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "请选择您管辖范围内的派出所")
    if request.POST.get("back") == "queue":
        return redirect("clues:queue")
    return redirect("clues:detail", pk=clue.pk)


def _reveal(request, clue) -> bool:
    reveal = request.GET.get("clear") == "1" and request.user.has_perm("cases.view_pii")
    if reveal:
        audit.record_access(request, "view", "clues.clue", clue.pk, "线索内容、打处人员身份证号", str(clue))
    return reveal


@login_required
def detail(request, pk):
    clue = get_object_or_404(_clues(request), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    finding_form = FindingForm(request.POST if action == "finding" else None)
    strike_form = StrikeForm(request.POST if action == "strike" else None)
    if request.method == "POST":
        if not request.user.has_perm("clues.act_clue"):
            raise PermissionDenied
        try:
            done = _act(request, clue, action, finding_form, strike_form)
        except services.ClueError as exc:
            messages.error(request, str(exc))
            done = None
        if done:
            messages.success(request, done)
            return redirect("clues:detail", pk=clue.pk)
    context = {
        "clue": clue,
        "reveal": _reveal(request, clue),
        "urgency": rules.urgency(clue.deadline, services.today(), clue.is_open),
        "matches": shown_matches(request.user, clue),
        "finding_form": finding_form,
        "strike_form": strike_form,
        "assign_form": AssignForm(user=request.user),
        "can_act": request.user.has_perm("clues.act_clue") and clue.station_id is not None,
    }
    return render(request, "clues/detail.html", context)


def _act(request, clue, action, finding_form, strike_form) -> str | None:
    if action == "finding" and finding_form.is_valid():
        data = finding_form.cleaned_data
        services.record_finding(
            request.user, clue, landed=data["landed"], finding=data["finding"], officer=data["officer"]
        )
        return "已登记核查结果"
    if action == "strike" and strike_form.is_valid():
        data = strike_form.cleaned_data
        services.record_strike(
            request.user,
            clue,
            people=data["people"],
            handled_people=data["handled_people"],
            finding=data["finding"],
            officer=data["officer"],
        )
        return f"已登记打处 {data['people']} 人"
    return None


@login_required
@permission_required("clues.add_clue", raise_exception=True)
def create(request):
    form = ClueForm(request.POST or None, initial={"received_on": services.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            clue = services.receive(
                request.user,
                services.Incoming(
                    kind=data["kind"],
                    value=data["value"],
                    source=data["source"],
                    batch=data["batch"],
                    received_on=data["received_on"],
                    deadline=data["deadline"],
                    note=data["note"],
                ),
            )
        except services.ClueError as exc:
            form.add_error("value", str(exc))
        else:
            messages.success(request, f"已录入线索：{clue.assignment_note}")
            return redirect("clues:detail", pk=clue.pk)
    return render(request, "clues/new.html", {"form": form})


@login_required
def case_panel(request, pk):
    """The case page's 上级推送线索 panel (loaded by the page with hx-get): 404 for a case the reader
    may not see; empty for a reader without the clue permission."""
    identifiers = identifiers_of(request.user, pk)
    if identifiers is None:
        raise Http404
    shown = clues_of_case(request.user, identifiers) if request.user.has_perm("clues.view_clue") else []
    return render(request, "clues/case_panel.html", {"shown": shown})


FIGURE_COLUMNS = [
    ("month", "月份"),
    ("station", "派出所"),
    ("received", "接收线索"),
    ("landed", "已落地"),
    ("landed_pct", "落地率%"),
    ("on_time", "按时落地"),
    ("on_time_pct", "按时率%"),
    ("unlandable", "无法落地"),
    ("open", "未办结"),
    ("people", "打击处理人数"),
]


@login_required
@permission_required("clues.view_clue", raise_exception=True)
def figures(request):
    text = request.GET.get("period") or str(services.today().year)
    try:
        period = parse_period(text)
    except PeriodError as exc:
        messages.error(request, str(exc))
        text = str(services.today().year)
        period = parse_period(text)
    rows = queries.figures(period.start.date(), period.last_day, _clues(request))
    total = queries.totals(rows)
    if request.GET.get("format") in ("csv", "xlsx"):
        table = [
            [title for _, title in FIGURE_COLUMNS],
            *([_cell(getattr(r, key)) for key, _ in FIGURE_COLUMNS] for r in rows),
        ]
        name = f"上级推送线索统计-{text}"
        if request.GET["format"] == "csv":
            return export.csv_response(table, name)
        return export.xlsx_response(table, name, "线索统计")
    context = {"rows": rows, "total": total, "period": period, "period_text": text, "columns": FIGURE_COLUMNS}
    return render(request, "clues/figures.html", context)


def _cell(value):
    return "" if value is None else value
