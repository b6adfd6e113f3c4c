from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.funds import services
from fanzha.funds.presenting import View
from fanzha.funds.tracing import METHODS


class CaseTraceView(APIView):
    """GET /api/funds/cases/<pk>/trace/?method=fifo|lifo|prorata[&reveal=1] → the case's trace: levels,
    accounts, every hop in words, freeze candidates, 建议调单 and same-holder accounts. Accounts masked
    unless `reveal=1` by a user who may see personal data (logged). Out of scope: 404."""

    permission_classes = [permissions.IsAuthenticated]
    queryset = Case.objects.all()

    @extend_schema(
        parameters=[
            OpenApiParameter("method", str, enum=list(METHODS), description="fifo、lifo 或 prorata"),
            OpenApiParameter(
                "reveal", str, enum=["1"], description="1：显示完整账号（需个人信息权限，记录访问）"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
        summary="资金流向",
    )
    def get(self, request, pk):
        if not request.user.has_perm("funds.trace_funds"):
            raise Http404
        case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
        method = request.query_params.get("method")
        reveal = request.query_params.get("reveal") == "1" and request.user.has_perm("cases.view_pii")
        if reveal:
            audit.record_access(
                request, "view", "cases.case", case.pk, "资金流向账号（接口）", case.case_number
            )
        view = View(services.run_trace(case, method if method in METHODS else None), reveal)
        return Response(view.as_dict())
