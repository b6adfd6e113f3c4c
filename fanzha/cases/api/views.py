from rest_framework import viewsets

from fanzha.cases.api.serializers import CaseSerializer, FraudTypeSerializer, log_clear_read
from fanzha.cases.filters import CaseFilterSet
from fanzha.cases.models import Case, FraudType
from fanzha.cases.services import save_case
from fanzha.core.api import ScopedViewSet


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
