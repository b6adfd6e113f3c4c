import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanzha.audit.log import record_access
from fanzha.cases.models import Case
from fanzha.core import clock
from fanzha.core.export import xlsx_response
from fanzha.core.numbers import whole_number
from fanzha.core.periods import BEIJING, PeriodError
from fanzha.reports import register as three_notices
from fanzha.reports.cadences import CADENCES, get_cadence
from fanzha.reports.excel import render_xlsx
from fanzha.reports.letters import county_issuer, letter_content
from fanzha.reports.models import LETTER, THREE_NOTICES, Bulletin, BulletinStatus
from fanzha.reports.readers import document_for
from fanzha.reports.services import (
    BulletinError,
    content_of,
    document_bytes,
    draft_bulletin,
    draft_letter,
    edit_bulletin,
    issue_bulletin,
)
from fanzha.reports.word import render_docx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(content: bytes, name: str, fmt: str) -> FileResponse:
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
    )


@login_required
@permission_required("assessment.view_indicators", raise_exception=True)
def monthly(request):
    """Any cadence and period as Word or Excel. A period whose 通报 was issued gives the archived
    document to the county office (as issued, never regenerated); below the county, the document is
    written now with the 倒查 case numbers the reader may not see left out."""
    kind = request.GET.get("kind") or "monthly"
    period_text, fmt = request.GET.get("period"), request.GET.get("format")
    error = ""
    cadence = CADENCES.get(kind) or get_cadence("monthly")
    if period_text and fmt in CONTENT_TYPES:
        try:
            period = cadence.parse(period_text)
        except PeriodError as problem:
            error = str(problem)
        else:
            name = f"{cadence.label}-{period}.{fmt}"
            content, archived = document_for(request.user, cadence, period)
            if archived is not None and fmt == "docx":
                return _file(document_bytes(archived), name, fmt)
            return _file(render_docx(content) if fmt == "docx" else render_xlsx(content), name, fmt)
    context = {
        "cadences": CADENCES.values(),
        "kind": cadence.key,
        "period": period_text or str(cadence.default_period()),
        "error": error,
        "defaults": {c.key: str(c.default_period()) for c in CADENCES.values()},
    }
    return render(request, "reports/monthly.html", context)


@login_required
@permission_required("cases.view_case", raise_exception=True)
def letter(request):
    """A case's 函告 (Word), by its case number: the archived one once issued (to whoever sees the
    archive), else written now; a case outside the reader's subtree is a 404."""
    number = (request.GET.get("case") or "").strip()
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("place", "employer", "fraud_type"),
        case_number=number,
    )
    archived = (
        Bulletin.objects.visible_to(request.user)
        .filter(kind=LETTER, case=case, status=BulletinStatus.ISSUED)
        .order_by("year", "number")
        .first()
    )
    record_access(request, "export", "cases.case", str(case.pk), "函告", f"函告 {case.case_number}")
    if archived is not None:
        return _file(document_bytes(archived), f"函告-{case.case_number}.docx", "docx")
    content = letter_content(case, county_issuer(), clock.now().astimezone(BEIJING).date())
    return _file(render_docx(content), f"函告-{case.case_number}.docx", "docx")


@login_required
@permission_required("reports.add_bulletin", raise_exception=True)
@require_POST
def letter_draft(request):
    """A case's 函告 as a draft to edit and 签发 (numbered 〔2024〕函告第12号 when issued)."""
    number = (request.POST.get("case") or "").strip()
    case = get_object_or_404(Case.objects.visible_to(request.user), case_number=number)
    try:
        letter = draft_letter(request.user, case)
    except BulletinError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('reports:monthly')}#letter")
    return redirect(letter)


@login_required
@permission_required("reports.view_bulletin", raise_exception=True)
def register(request):
    """三告登记: every 函告, public 通告 and annual 报告 issued, by year and kind; Excel export."""
    year_text, kind = request.GET.get("year", ""), request.GET.get("kind", "")
    year = whole_number(year_text, digits=4)
    kind = kind if kind in THREE_NOTICES else ""
    found = three_notices.entries(request.user, year, kind)
    if request.GET.get("format") == "xlsx":
        name = f"三告登记-{year or '全部'}"
        return xlsx_response(three_notices.sheet_rows(found), name, "三告登记")
    context = {
        "entries": found,
        "years": three_notices.years(request.user),
        "year": year,
        "kind": kind,
        "kinds": three_notices.KIND_LABELS,
    }
    return render(request, "reports/register.html", context)


@login_required
@permission_required("reports.view_bulletin", raise_exception=True)
def bulletins(request):
    if request.method == "POST":
        if not request.user.has_perm("reports.add_bulletin"):
            raise PermissionDenied
        try:
            bulletin = draft_bulletin(
                request.user, request.POST.get("kind", ""), request.POST.get("period", "")
            )
        except BulletinError as error:
            messages.error(request, str(error))
            return redirect("reports:bulletins")
        if not Bulletin.objects.visible_to(request.user).filter(pk=bulletin.pk).exists():
            raise PermissionDenied
        return redirect(bulletin)
    visible = Bulletin.objects.visible_to(request.user).defer("document", "figures")
    context = {
        "drafts": visible.filter(status=BulletinStatus.DRAFT).order_by("-created_at"),
        "archive": visible.filter(status=BulletinStatus.ISSUED).order_by("-issued_at"),
        "cadences": CADENCES.values(),
        "defaults": {c.key: str(c.default_period()) for c in CADENCES.values()},
    }
    return render(request, "reports/bulletins.html", context)


def _visible(request, pk) -> Bulletin:
    return get_object_or_404(Bulletin.objects.visible_to(request.user), pk=pk)


@login_required
@permission_required("reports.view_bulletin", raise_exception=True)
def bulletin(request, pk):
    item = _visible(request, pk)
    if request.method == "POST":
        if not request.user.has_perm("reports.change_bulletin"):
            raise PermissionDenied
        try:
            edit_bulletin(
                request.user,
                item,
                issuer=request.POST.get("issuer", ""),
                signatory=request.POST.get("signatory", ""),
                features=request.POST.get("features", ""),
                requirements=request.POST.get("requirements", ""),
            )
        except BulletinError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "已保存")
        return redirect(item)
    content = content_of(item)
    case_visible = (
        item.case_id is not None and Case.objects.visible_to(request.user).filter(pk=item.case_id).exists()
    )
    return render(
        request, "reports/bulletin.html", {"item": item, "content": content, "case_visible": case_visible}
    )


@login_required
@permission_required("reports.issue_bulletin", raise_exception=True)
@require_POST
def issue(request, pk):
    item = _visible(request, pk)
    try:
        item = issue_bulletin(request.user, item)
    except BulletinError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已签发：{item.number_text}")
    return redirect(item)


@login_required
@permission_required("reports.view_bulletin", raise_exception=True)
def download(request, pk):
    item = _visible(request, pk)
    fmt = request.GET.get("format") if request.GET.get("format") in CONTENT_TYPES else "docx"
    try:
        if fmt == "docx":
            content = document_bytes(item)
        else:
            content = render_xlsx(content_of(item))
    except BulletinError as error:
        messages.error(request, str(error))
        return redirect(item)
    record_access(request, "export", "reports.bulletin", str(item.pk), fmt, item.number_text)
    name = f"{item.get_kind_display()}-{item.period}-{item.number_text}.{fmt}"
    return _file(content, name, fmt)
