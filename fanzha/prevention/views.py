from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.core import export
from fanzha.core.numbers import whole_number
from fanzha.core.periods import DateRange, Period, PeriodError, check_year, parse_period
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import LEVELS
from fanzha.prevention import coverage as coverage_rules
from fanzha.prevention import duties, groups
from fanzha.prevention.forms import DutyReportForm, OwnerForm, PushForm
from fanzha.prevention.models import Attachment, Duty, Household, WeChatGroup

COVERAGE_COLUMNS = [
    ("code", "代码"),
    ("name", "名称"),
    ("households", "户数"),
    ("households_visited", "已走访户数"),
    ("visit_coverage_pct", "走访覆盖率%"),
    ("population", "人口"),
    ("app_registered", "App注册数"),
    ("app_rate_pct", "App注册率%"),
    ("jzz_registered", "金钟罩注册数"),
    ("jzz_rate_pct", "金钟罩注册率%"),
]


COVERAGE_PAGE_SIZE = 50


def _chosen_town(request):
    """The town whose villages the coverage page lists (?town=<id>), when the reader may see it."""
    try:
        pk = int(request.GET.get("town") or 0)
    except ValueError:
        return None
    return OrgUnit.objects.visible_to(request.user).filter(pk=pk).first() if pk else None


@login_required
@permission_required("prevention.view_householdvisit", raise_exception=True)
def coverage(request):
    level = request.GET.get("level", "village")
    if level not in LEVELS:
        level = "village"
    text = request.GET.get("period") or str(Period.last_complete_month())
    try:
        period = parse_period(text)
    except PeriodError as exc:
        messages.error(request, str(exc))
        period = Period.last_complete_month()
    visible = set(OrgUnit.objects.visible_to(request.user).values_list("id", flat=True))
    rows = coverage_rules.coverage(period, level, config.current(), visible)
    if request.GET.get("format") in ("csv", "xlsx"):

        def table():
            yield [title for _, title in COVERAGE_COLUMNS] + ["目标与配额"]
            for r in rows:
                notes = [
                    f"{t['name']}：{t['state']}"
                    + (
                        f"（{t['actual_pct']}%，目标{t['target_pct']}%）"
                        if t["actual_pct"] is not None
                        else ""
                    )
                    for t in r["targets"]
                ] + [
                    f"{q['name']}：{'达标' if q['met'] else '未达标'}（{q['actual']}/{q['required']}）"
                    for q in r["quotas"]
                ]
                yield export.cells(r, COVERAGE_COLUMNS) + ["；".join(notes)]

        name = f"宣防覆盖率-{period}-{LEVELS[level].label}"
        if request.GET["format"] == "csv":
            return export.csv_response(table(), name)
        return export.xlsx_response(table(), name, "宣防覆盖率")
    only_risk = request.GET.get("risk") == "1"
    towns, town = None, None
    if level == "village":
        town = _chosen_town(request)
        if town is not None:  # a town's villages, from the town table above
            inside = set(
                OrgUnit.objects.filter(
                    path__startswith=town.path, code__in=[r["code"] for r in rows]
                ).values_list("code", flat=True)
            )
            rows = [r for r in rows if r["code"] in inside]
        else:  # who is behind, by town first: its villages summed
            parents = OrgUnit.objects.filter(code__in=[r["code"] for r in rows]).values_list(
                "code", "parent_id", "parent__name"
            )
            town_of = {code: (parent, name) for code, parent, name in parents}
            towns = coverage_rules.towns_behind(coverage_rules.by_gap(rows), town_of)
    lowest = sorted(
        (r for r in rows if r["visit_coverage_pct"] is not None), key=lambda r: float(r["visit_coverage_pct"])
    )
    chart = {
        "labels": [r["name"] for r in lowest[:15]],
        "values": [float(r["visit_coverage_pct"]) for r in lowest[:15]],
    }
    summary = coverage_rules.summary(rows)  # of the units listed (a chosen town: its villages)
    shown = coverage_rules.by_gap(coverage_rules.at_risk(rows) if only_risk else rows)
    page = Paginator(shown, COVERAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    if level in ("village", "town"):  # a station's villages are not a path: no ledger filter for them
        ids = dict(
            OrgUnit.objects.filter(code__in=[r["code"] for r in page.object_list]).values_list("code", "id")
        )
        since = DateRange(date(period.last_day.year, 1, 1), period.last_day)
        for r in page.object_list:
            query = urlencode({"unit": ids[r["code"]], "period": str(since), "first_of_year": "1"})
            r["visited_link"] = f"{reverse('prevention:visits')}?{query}"
    context = {
        "rows": page.object_list,
        "page": page,
        "summary": summary,
        "towns": towns,
        "town": town,
        "period": period,
        "period_text": text,
        "level": level,
        "levels": LEVELS,
        "only_risk": only_risk,
        "chart": chart,
    }
    return render(request, "prevention/coverage.html", context)


@login_required
@permission_required("prevention.view_wechatgroup", raise_exception=True)
def group_detail(request, pk):
    group = get_object_or_404(groups.with_last_push(WeChatGroup.objects.visible_to(request.user)), pk=pk)
    owner_post = request.POST.get("action") == "owner"
    posted = request.POST if request.method == "POST" else None
    form = PushForm(None if owner_post else posted, initial={"pushed_on": timezone.localdate()})
    owner_form = OwnerForm(posted if owner_post else None, initial={"changed_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm(
            "prevention.change_wechatgroup" if owner_post else "prevention.add_grouppush"
        ):
            raise PermissionDenied
        if owner_post and owner_form.is_valid():
            groups.change_owner(request.user, group, **owner_form.cleaned_data)
            messages.success(request, "已登记负责人变更")
            return redirect("prevention:group", pk=group.pk)
        if not owner_post and form.is_valid():
            groups.record_push(request.user, group, **form.cleaned_data)
            messages.success(request, "已登记推送")
            return redirect("prevention:group", pk=group.pk)
    context = {
        "group": group,
        "form": form,
        "owner_form": owner_form,
        "pushes": group.pushes.all()[:100],
        "owners": group.owner_changes.all(),
    }
    return render(request, "prevention/group.html", context)


@login_required
@permission_required("prevention.view_duty", raise_exception=True)
def duty_detail(request, pk):
    duty = get_object_or_404(Duty.objects.visible_to(request.user).select_related("org"), pk=pk)
    form = DutyReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit" and request.user.has_perm("prevention.report_duty"):
                if form.is_valid():
                    duties.submit(
                        request.user, duty, form.cleaned_data["report"], form.cleaned_data["responsible"]
                    )
                    form.attach_evidence(request.user, duty)
                    messages.success(request, "已报送，等待县中心验收")
                    return redirect("prevention:duty", pk=duty.pk)
            elif action in ("accept", "return") and request.user.has_perm("prevention.review_duty"):
                duties.review(request.user, duty, action == "accept", request.POST.get("note", ""))
                messages.success(request, "已验收" if action == "accept" else "已退回")
                return redirect("prevention:duty", pk=duty.pk)
            elif action:
                raise PermissionDenied
        except duties.DutyError as exc:
            messages.error(request, str(exc))
    context = {
        "duty": duty,
        "form": form,
        "overdue": duty.is_overdue(timezone.localdate()),
        "attachments": duty.attachments.all(),
    }
    return render(request, "prevention/duty.html", context)


@login_required
@permission_required("prevention.review_duty", raise_exception=True)
def assign_duties(request):
    if request.method == "POST":
        text = request.POST.get("year") or str(timezone.localdate().year)
        try:
            year = check_year(int(text), text)
        except ValueError:  # not a number, or PeriodError: out of range
            messages.error(request, f"年度「{text}」无法识别：应为 1900 到 2100 之间的年份")
            return redirect("prevention:duties")
        made = duties.assign_templates(year, request.POST.get("sector") or None, request.user)
        messages.success(request, f"已按任务模板为成员单位分配 {made} 项 {year} 年度任务")
    return redirect("prevention:duties")


PICK_LIMIT = 10


@login_required
@permission_required("prevention.view_household", raise_exception=True)
def pick_household(request):
    """The visit form's household picker (htmx): households of the user's villages whose address or
    head's name holds what was typed, the one already chosen kept on top."""
    query = (request.GET.get("household_q") or "").strip()[:50]
    visible = Household.objects.visible_to(request.user).select_related("village__parent")
    picked = request.GET.get("household", "")
    chosen = visible.filter(pk=number).first() if (number := whole_number(picked)) is not None else None
    found = []
    if query:
        found = list(
            visible.filter(Q(address__contains=query) | Q(head_name__contains=query)).order_by(
                "village__path", "address"
            )[: PICK_LIMIT + 1]
        )
    more = len(found) > PICK_LIMIT
    households = ([chosen] if chosen else []) + [h for h in found[:PICK_LIMIT] if h != chosen]
    context = {
        "households": households,
        "chosen": chosen.pk if chosen else None,
        "query": query,
        "more": more,
    }
    return render(request, "prevention/household_options.html", context)


@login_required
def attachment(request, pk):
    """Evidence files are served only to users who can see what they belong to."""
    item = get_object_or_404(Attachment, pk=pk)
    owner = item.activity or item.visit or item.duty
    if owner is None or not type(owner).objects.visible_to(request.user).filter(pk=owner.pk).exists():
        raise Http404("没有找到该文件")
    audit.record_access(request, "view", "prevention.attachment", item.pk, "佐证材料", item.name)
    return FileResponse(item.file.open("rb"), filename=item.name, content_type=item.content_type)
