import io
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse
from django.shortcuts import render

from fanzha.assessment.views.params import default_month
from fanzha.core.periods import Period, PeriodError
from fanzha.reports.excel import write_monthly_xlsx
from fanzha.reports.monthly import build_monthly
from fanzha.reports.word import write_monthly_docx

WRITERS = {
    "docx": (write_monthly_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (write_monthly_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


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
                writer(build_monthly(period), path)
                content = path.read_bytes()
            name = f"电信网络诈骗案件情况通报-{period}.{fmt}"
            return FileResponse(
                io.BytesIO(content), as_attachment=True, filename=name, content_type=content_type
            )
    return render(
        request, "reports/monthly.html", {"period": period_text or str(default_month()), "error": error}
    )
