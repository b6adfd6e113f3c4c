from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.cases.api.serializers import CaseSerializer, FraudTypeSerializer, log_clear_read
from fanzha.cases.filters import CaseFilterSet
from fanzha.cases.follow_through import station_table
from fanzha.cases.models import Case, FraudType
from fanzha.cases.services import save_case
from fanzha.core.api import ScopedViewSet


class CanViewCases(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("cases.view_case")


class CaseViewSet(ScopedViewSet):
    """案件台账. Reads and writes are limited to the caller's org subtree; others are 404."""

    queryset = Case.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    select_related = ("place", "town", "station", "fraud_type", "employer")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("identifiers")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if CaseSerializer(context={"request": request}).clear():
            log_clear_read(
                request, [Case(case_number=r["case_number"]) for r in response.data.get("results", [])]
            )
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if CaseSerializer(context={"request": request}).clear():
            log_clear_read(request, [Case(case_number=response.data["case_number"])])
        return response

    def perform_create(self, serializer):
        self._save(serializer, Case())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    def _save(self, serializer, case):
        data = dict(serializer.validated_data)
        identifiers = data.pop("identifiers", None)
        for name, value in data.items():
            setattr(case, name, value)
        serializer.instance = save_case(self.request.user, case, identifiers)


class FraudTypeViewSet(viewsets.ModelViewSet):
    queryset = FraudType.objects.all()
    serializer_class = FraudTypeSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class CaseGradesView(APIView):
    """分级推进: per station (in the caller's subtree) and grade, cases, 查有结果 and the oldest open."""

    permission_classes = [IsAuthenticated, CanViewCases]

    @extend_schema(
        parameters=[OpenApiParameter("period", str, description="2024、2024Q1、2024-03（默认今年）")],
        responses={200: dict},
        summary="案件分级推进：各派出所每个等级的案件数、查有结果、最早未结",
    )
    def get(self, request):
        table = station_table(request.user, request.query_params.get("period"))
        if table.error:
            raise ValidationError({"period": table.error})
        return Response(table.as_json())
