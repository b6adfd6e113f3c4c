from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render

from fanzha.core.numbers import whole_number
from fanzha.inspections import queries, services
from fanzha.inspections.forms import FindingForm, InspectionForm
from fanzha.inspections.models import Finding, FindingStatus, Inspection

VIEW, CONDUCT, REPORT = (
    "inspections.view_inspection",
    "inspections.conduct_inspection",
    "inspections.report_finding",
)


@login_required
@permission_required(VIEW, raise_exception=True)
def inspection_list(request):
    today = services.today()
    inspections = (
        Inspection.objects.visible_to(request.user)
        .select_related("org__parent")
        .annotate(
            found=Count("findings"),
            open=Count("findings", filter=~Q(findings__status=FindingStatus.CLOSED)),
            late=Count(
                "findings", filter=~Q(findings__status=FindingStatus.CLOSED) & Q(findings__deadline__lt=today)
            ),
        )[:200]
    )
    late = queries.overdue(today, Finding.objects.visible_to(request.user))
    return render(
        request, "inspections/list.html", {"inspections": inspections, "late": late, "today": today}
    )


@login_required
@permission_required(CONDUCT, raise_exception=True)
def inspection_new(request):
    form = InspectionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.record_inspection(
                request.user,
                data["org"],
                data["inspected_on"],
                data["inspectors"],
                data["subject"],
                data["note"],
                form.findings(),
            )
        except services.InspectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已记录督导检查：{inspection.org.display_name}")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/new.html", {"form": form})


@login_required
@permission_required(VIEW, raise_exception=True)
def inspection_detail(request, pk):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("org__parent", "created_by"), pk=pk
    )
    finding_form = FindingForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        finding = (
            inspection.findings.filter(pk=whole_number(request.POST.get("finding")) or 0).first()
            if action != "add"
            else None
        )
        try:
            if action == "add" and request.user.has_perm(CONDUCT):
                if finding_form.is_valid():
                    services.add_finding(
                        request.user, inspection, services.FindingInput(**finding_form.cleaned_data)
                    )
                    messages.success(request, "已添加问题")
                    return redirect("inspections:detail", pk=inspection.pk)
            elif action == "report" and finding is not None and request.user.has_perm(REPORT):
                services.report(request.user, finding, request.POST.get("text", ""))
                messages.success(request, "已报送整改情况")
                return redirect("inspections:detail", pk=inspection.pk)
            elif action in ("close", "return") and finding is not None and request.user.has_perm(CONDUCT):
                services.review(request.user, finding, action == "close", request.POST.get("note", ""))
                messages.success(request, "已销号" if action == "close" else "已退回")
                return redirect("inspections:detail", pk=inspection.pk)
            else:
                messages.error(request, "您没有这项操作的权限")
        except services.InspectionError as error:
            messages.error(request, str(error))
    today = services.today()
    rows = [(f, queries.is_overdue(f, today)) for f in inspection.findings.all()]
    context = {"inspection": inspection, "rows": rows, "finding_form": finding_form, "today": today}
    return render(request, "inspections/detail.html", context)
