"""Any 通报 over HTTP, scoped like the UI: GET /api/reports/?kind=weekly&period=2024-03-04..2024-03-10
gives its content as JSON (the sections and tables the Word document prints); add download=docx or
download=xlsx for the file. An issued period gives the county office the archived original."""

import io

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.core.periods import PeriodError
from fanzha.reports.cadences import CADENCES, get_cadence
from fanzha.reports.excel import render_xlsx
from fanzha.reports.readers import document_for
from fanzha.reports.services import document_bytes
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
            OpenApiParameter("kind", str, enum=list(CADENCES), description="通报类别，默认 monthly"),
            OpenApiParameter(
                "period", str, description="2024-03、2024Q1、2024、2024-03-05 或 2024-03-04..2024-03-10"
            ),
            OpenApiParameter("download", str, enum=["docx", "xlsx"], description="下载文件；不填返回 JSON"),
        ],
        responses={200: dict},
        summary="通报：任意类别和期间的内容（JSON）或 Word/Excel 文件；已签发的期间返回归档原件",
    )
    def get(self, request):
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
