"""Any 通报 over HTTP, scoped like the UI: GET /api/reports/?kind=weekly&period=2024-03-04..2024-03-10
gives its content as JSON (the sections and tables the Word document prints); add download=docx or
download=xlsx for the file. An issued period gives the county office the archived original.
Without a period it lists the issued documents of the reader's subtree — the 三告 register
(函告, 通告, 报告) with the other kinds — filtered by year and kind; a 函告 is
GET /api/reports/?kind=letter&case=案件编号 (the archived one once issued)."""

import io

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.audit.log import record_access
from fanzha.cases.models import Case
from fanzha.core import clock
from fanzha.core.numbers import whole_number
from fanzha.core.periods import BEIJING, PeriodError
from fanzha.reports.cadences import CADENCES, get_cadence
from fanzha.reports.content import Content
from fanzha.reports.excel import render_xlsx
from fanzha.reports.letters import county_issuer, letter_content
from fanzha.reports.models import LETTER, Bulletin, BulletinStatus
from fanzha.reports.readers import document_for
from fanzha.reports.services import document_bytes, issued
from fanzha.reports.word import render_docx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ViewsIndicators(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("assessment.view_indicators")


class ReportView(APIView):
    permission_classes = [IsAuthenticated, ViewsIndicators]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind", str, enum=[*CADENCES, LETTER], description="通报类别，默认 monthly；letter 为函告"
            ),
            OpenApiParameter(
                "period",
                str,
                description="2024-03、2024Q1、2024、2024-03-05 或 2024-03-04..2024-03-10；不填：列出已签发的文件",
            ),
            OpenApiParameter("case", str, description="函告（kind=letter）的案件编号"),
            OpenApiParameter("year", int, description="列出已签发的文件时：签发年度"),
            OpenApiParameter("download", str, enum=["docx", "xlsx"], description="下载文件；不填返回 JSON"),
        ],
        responses={200: dict},
        summary="通报：任意类别和期间的内容（JSON）或 Word/Excel 文件；已签发的期间返回归档原件；不填期间：已签发文件登记（含三告）",
    )
    def get(self, request):
        if request.query_params.get("kind") == LETTER and request.query_params.get("case"):
            return self._letter(request)
        if not request.query_params.get("period"):
            return self._issued(request)
        try:
            cadence = get_cadence(request.query_params.get("kind") or "monthly")
            period = cadence.parse(request.query_params.get("period", ""))
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from None
        download = request.query_params.get("download")
        if download not in (None, "", *CONTENT_TYPES):
            raise ValidationError({"download": "应为 docx 或 xlsx"})
        content, archived = document_for(request.user, cadence, period)
        if download:
            if download == "docx":
                data = document_bytes(archived) if archived is not None else render_docx(content)
            else:
                data = render_xlsx(content)
            name = f"{cadence.label}-{period}.{download}"
            return FileResponse(
                io.BytesIO(data), as_attachment=True, filename=name, content_type=CONTENT_TYPES[download]
            )
        return Response(
            content.as_json()
            | {
                "kind": cadence.key,
                "period": str(period),
                "issued": archived is not None,
                "number": archived.number_text if archived else None,
                "sha256": archived.sha256 if archived else None,
            }
        )

    def _issued(self, request):
        """The issued documents of the reader's subtree, newest first: 函告, 通告, 报告 and every 通报."""
        found = (
            Bulletin.objects.visible_to(request.user)
            .filter(status=BulletinStatus.ISSUED)
            .defer("document", "figures")
            .order_by("-year", "kind", "-number")
        )
        year, kind = request.query_params.get("year", ""), request.query_params.get("kind", "")
        if year:
            if whole_number(year, digits=4) is None:
                raise ValidationError({"year": "应为年份，如 2024"})
            found = found.filter(year=int(year))
        if kind:
            found = found.filter(kind=kind)
        return Response(
            [
                {
                    "id": b.pk,
                    "kind": b.kind,
                    "kind_label": b.get_kind_display(),
                    "number": b.number_text,
                    "period": b.period,
                    "issued_on": b.issued_on.isoformat(),
                    "addressee": b.addressee,
                    "case": b.period if b.is_letter else None,
                    "sha256": b.sha256,
                }
                for b in found
            ]
        )

    def _letter(self, request):
        """A case's 函告: the archived one once issued (the county office), else the draft as of now."""
        number = request.query_params.get("case", "").strip()
        case = get_object_or_404(
            Case.objects.visible_to(request.user).select_related("place", "employer", "fraud_type"),
            case_number=number,
        )
        archived = issued(LETTER, case.case_number)
        if (
            archived is not None
            and not Bulletin.objects.visible_to(request.user).filter(pk=archived.pk).exists()
        ):
            archived = None
        if archived is not None:
            content = Content.from_json(archived.figures)
        else:
            content = letter_content(case, county_issuer(), clock.now().astimezone(BEIJING).date())
        record_access(request, "api", "cases.case", str(case.pk), "函告", f"函告 {case.case_number}")
        if request.query_params.get("download") == "docx":
            data = document_bytes(archived) if archived is not None else render_docx(content)
            return FileResponse(
                io.BytesIO(data),
                as_attachment=True,
                filename=f"函告-{case.case_number}.docx",
                content_type=CONTENT_TYPES["docx"],
            )
        return Response(
            content.as_json()
            | {
                "kind": LETTER,
                "case": case.case_number,
                "issued": archived is not None,
                "number": archived.number_text if archived else None,
                "sha256": archived.sha256 if archived else None,
            }
        )
