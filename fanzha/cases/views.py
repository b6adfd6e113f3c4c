from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fanzha.audit import log as audit
from fanzha.audit.models import ObjectChange
from fanzha.audit.readable import readable_changes
from fanzha.cases import export, grading, queries
from fanzha.cases.choices import Grade
from fanzha.cases.filters import CaseFilterSet
from fanzha.cases.follow_through import station_table
from fanzha.cases.forms import CaseForm
from fanzha.cases.models import Case
from fanzha.cases.services import GradeError, save_case, set_grade
from fanzha.cases.signals import case_form_saved
from fanzha.core import export as core_export
from fanzha.orgs.models import OrgUnit

PAGE_SIZE = 50


def _visible(request):
    return Case.objects.visible_to(request.user)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_list(request):
    filterset = CaseFilterSet(request.GET, queryset=_visible(request), request=request)
    queryset = filterset.qs.select_related("place__parent", "station", "fraud_type", "town")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page}
    template = "cases/list.html#table" if request.htmx and not request.htmx.boosted else "cases/list.html"
    return render(request, template, context)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_detail(request, pk):
    case = get_object_or_404(
        _visible(request).select_related("place__parent", "station", "fraud_type", "town", "employer"), pk=pk
    )
    reveal = request.GET.get("reveal") == "1" and request.user.has_perm("cases.view_pii")
    if reveal:
        audit.record_access(
            request,
            "view",
            "cases.case",
            case.pk,
            "身份证号、联系电话、嫌疑人账户",
            f"案件 {case.case_number}",
        )
    history = ObjectChange.objects.filter(model="cases.case", object_id=str(case.pk))[:50]
    context = {
        "case": case,
        "reveal": reveal,
        "identifiers": case.identifiers.all(),
        "history": [(change, readable_changes(change, reveal)) for change in history],
        "grade_choices": Grade.choices,
    }
    return render(request, "cases/detail.html", context)


def _edit(request, case):
    form = CaseForm(request.POST or None, instance=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = save_case(request.user, form.save(commit=False), form.identifiers())
        case_form_saved.send(CaseForm, user=request.user, case=saved, data=form.cleaned_data)
        messages.success(request, f"案件 {saved.case_number} 已保存")
        return redirect(saved)
    if case.pk and request.user.has_perm("cases.view_pii") and request.method == "GET":
        audit.record_access(
            request, "view", "cases.case", case.pk, "身份证号、联系电话、嫌疑人账户", "打开编辑表单"
        )
    return render(request, "cases/form.html", {"form": form, "case": case})


@login_required
@permission_required("cases.add_case", raise_exception=True)
def case_create(request):
    return _edit(request, Case())


@login_required
@permission_required("cases.change_case", raise_exception=True)
def case_edit(request, pk):
    return _edit(request, get_object_or_404(_visible(request), pk=pk))


@login_required
@permission_required("cases.view_case", raise_exception=True)
def case_export(request):
    filterset = CaseFilterSet(request.GET, queryset=_visible(request), request=request)
    clear = request.GET.get("clear") == "1" and request.user.has_perm("cases.view_pii")
    queryset = filterset.qs
    params = request.GET.urlencode()
    audit.record_access(
        request,
        "export",
        "cases.case",
        "",
        "身份证号、联系电话" if clear else "（已脱敏）",
        f"导出 {queryset.count()} 条；{'明文' if clear else '脱敏'}；条件：{params or '全部'}",
    )
    filename = f"案件台账-{timezone.localtime():%Y%m%d-%H%M}"
    if request.GET.get("format") == "csv":
        return export.csv_response(queryset, clear, filename)
    return export.xlsx_response(queryset, clear, filename)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def unit_cases(request, pk):
    """The org page's case panel: a unit's cases the user may see, year by year, and the filtered list."""
    unit = get_object_or_404(OrgUnit.objects.visible_to(request.user), pk=pk)
    years = queries.years_of_unit(request.user, unit)
    field = {"station": "station", "member_unit": "employer", "town": "town", "street": "town"}.get(
        unit.kind, "place"
    )
    context = {"unit": unit, "years": years, "total": sum(n for _, n in years), "field": field}
    return render(request, "cases/unit.html", context)


@login_required
@permission_required("cases.grade_case", raise_exception=True)
@require_POST
def case_grade(request, pk):
    """The county office sets a case's grade by hand, or returns it to the rule, with a reason."""
    case = get_object_or_404(_visible(request), pk=pk)
    text = request.POST.get("grade", "")
    try:
        grade = int(text) if text else None
        set_grade(request.user, case, grade, request.POST.get("reason", ""))
    except (ValueError, GradeError) as exc:
        messages.error(request, str(exc) if isinstance(exc, GradeError) else "案件等级应为一级、二级或三级")
    else:
        messages.success(request, "已调整案件等级" if grade else "已恢复按规则定级")
    return redirect(case)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def grades(request):
    """分级推进: each station's cases per grade, 查有结果 %, the oldest open case; counts link to the list."""
    table = station_table(request.user, request.GET.get("period"))
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv") and not table.error:
        name = f"案件分级推进-{table.period}"
        if fmt == "csv":
            return core_export.csv_response(table.export_rows(), name)
        return core_export.xlsx_response(table.export_rows(), name, "分级推进")
    current = grading.levels()
    context = {
        "table": table,
        "grades": Grade.choices,
        "levels": current,
        "unknown_types": grading.unknown_types(current),
    }
    return render(request, "cases/grades.html", context)
