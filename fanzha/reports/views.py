import copy
import dataclasses
import io
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse
from django.shortcuts import render

from fanzha.cases.models import Case
from fanzha.core.periods import Period, PeriodError
from fanzha.orgs.scope import sees_everything
from fanzha.reports.excel import write_monthly_xlsx
from fanzha.reports.monthly import MonthlyReport, build_monthly
from fanzha.reports.word import write_monthly_docx

WRITERS = {
    "docx": (write_monthly_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (write_monthly_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}

OUT_OF_SCOPE = "（辖区外案件）"


def for_reader(report: MonthlyReport, user) -> MonthlyReport:
    """The 通报 is county-wide (every unit's figures and rankings), but a case number names a case:
    the numbers of 倒查 cases the reader may not see are left out."""
    if sees_everything(user):
        return report
    ids = [outcome.case_id for outcome in report.reviews]
    visible = set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    reviews = []
    for outcome in report.reviews:
        if outcome.case_id not in visible:
            outcome = copy.copy(outcome)  # an unsaved copy for the document, the record unchanged
            outcome.case = copy.copy(outcome.case)
            outcome.case.case_number = OUT_OF_SCOPE
        reviews.append(outcome)
    return dataclasses.replace(report, reviews=reviews)


@login_required
@permission_required("assessment.view_indicators", raise_exception=True)
def monthly(request):
    period_text, fmt = request.GET.get("period"), request.GET.get("format")
    error = ""
    if period_text and fmt in WRITERS:
        try:
            period = Period.parse(period_text)
        except PeriodError as problem:
            error = str(problem)
        else:
            writer, content_type = WRITERS[fmt]
            with tempfile.TemporaryDirectory() as folder:  # nothing left behind on the server
                path = Path(folder) / f"monthly.{fmt}"
                writer(for_reader(build_monthly(period), request.user), path)
                content = path.read_bytes()
            name = f"电信网络诈骗案件情况通报-{period}.{fmt}"
            return FileResponse(
                io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type
            )
    return render(
        request,
        "reports/monthly.html",
        {"period": period_text or str(Period.last_complete_month()), "error": error},
    )
