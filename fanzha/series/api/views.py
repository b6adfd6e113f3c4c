"""串并案 over the API: the clusters a user may see (a cluster with at least one case in the subtree)
and the search by identifier. As on the pages, a case outside the subtree is its station and day only,
and accounts are masked."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.cases.models import Case
from fanzha.series import queries, services
from fanzha.series.models import Cluster, Detachment, Member


class CaseRowSerializer(serializers.Serializer):
    """A case of the series: number, town, type and loss only inside the reader's subtree."""

    case_id = serializers.IntegerField(source="pk", allow_null=True)
    case_number = serializers.CharField()
    station = serializers.CharField()
    town = serializers.CharField()
    reported_at = serializers.DateTimeField()
    fraud_type = serializers.CharField()
    loss_fen = serializers.IntegerField(allow_null=True)


class IdentifierSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value = serializers.CharField(help_text="账户已脱敏")
    holders = serializers.IntegerField(help_text="持有该标识的案件总数")
    in_cluster = serializers.IntegerField()
    links = serializers.BooleanField()
    why_not = serializers.CharField()
    levels = serializers.CharField(help_text="资金链：该账户在各案资金追踪中的层级（一级、二级…）")


class ClusterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["id", "size", "updated_at", "confirmed_at", "confirmed_size", "confirm_reason"]


class ClusterDetailSerializer(ClusterSerializer):
    cases = serializers.SerializerMethodField()
    identifiers = serializers.SerializerMethodField()
    outside = serializers.SerializerMethodField()
    loss_fen = serializers.SerializerMethodField()

    class Meta(ClusterSerializer.Meta):
        fields = [*ClusterSerializer.Meta.fields, "outside", "loss_fen", "cases", "identifiers"]

    def _view(self, cluster):
        if not hasattr(self, "_cached"):
            self._cached = queries.cluster_view(cluster, self.context["request"].user)
        return self._cached

    def get_cases(self, cluster) -> list[dict]:
        return CaseRowSerializer(self._view(cluster).cases, many=True).data

    def get_identifiers(self, cluster) -> list[dict]:
        return IdentifierSerializer(self._view(cluster).identifiers, many=True).data

    def get_outside(self, cluster) -> int:
        return self._view(cluster).outside

    def get_loss_fen(self, cluster) -> int:
        return self._view(cluster).loss_fen


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="理由（至少2个字）")

    def validate_reason(self, value):
        if len(value.strip()) < 2:
            raise serializers.ValidationError("请写明理由（至少2个字）")
        return value.strip()


class DetachSerializer(ReasonSerializer):
    case_id = serializers.IntegerField(help_text="要移出的案件（本组成员）")


class DetachmentSerializer(serializers.ModelSerializer):
    """移出: who took which case out of which cluster, when and why."""

    case_id = serializers.IntegerField()
    user = serializers.StringRelatedField()

    class Meta:
        model = Detachment
        fields = ["id", "case_id", "cluster_number", "cluster_size", "reason", "user", "at"]


class CanSeeClusters(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("series.view_cluster"))


def _may_decide(request) -> Response | None:
    if not request.user.has_perm("series.decide_cluster"):
        return Response({"detail": "没有研判串并案组的权限"}, status=status.HTTP_403_FORBIDDEN)
    return None


class ClusterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """串并案组: GET /api/series/clusters/ (largest first), GET /api/series/clusters/{id}/,
    POST /api/series/clusters/{id}/detach/ {case_id, reason} (移出此案, county office)."""

    queryset = Cluster.objects.all()
    serializer_class = ClusterSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return queries.visible_clusters(self.request.user).order_by("-size", "id")

    def get_serializer_class(self):
        return ClusterDetailSerializer if self.action == "retrieve" else ClusterSerializer

    @extend_schema(request=DetachSerializer, responses={201: DetachmentSerializer}, summary="移出此案")
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated, CanSeeClusters])
    def detach(self, request, pk=None):
        """The cluster in scope first (a 404 outside it), then the permission, then the body."""
        cluster = get_object_or_404(self.get_queryset(), pk=pk)
        refused = _may_decide(request)
        if refused:
            return refused
        body = DetachSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case_id = body.validated_data["case_id"]
        inside = Member.objects.filter(cluster=cluster, case_id=case_id).exists()
        if not inside or not Case.objects.visible_to(request.user).filter(pk=case_id).exists():
            return Response({"case_id": ["该案件不在本串并案组中"]}, status=status.HTTP_400_BAD_REQUEST)
        detachment = services.detach_case(request.user, cluster, case_id, body.validated_data["reason"])
        return Response(DetachmentSerializer(detachment).data, status=status.HTTP_201_CREATED)


class DetachmentUndoView(APIView):
    """POST /api/series/detachments/{id}/undo/ {reason}: 撤销移出 (county office); the case links again."""

    permission_classes = [permissions.IsAuthenticated]
    queryset = Detachment.objects.all()

    @extend_schema(request=ReasonSerializer, responses={204: None}, summary="撤销移出")
    def post(self, request, pk):
        detachment = get_object_or_404(Detachment.objects.visible_to(request.user), pk=pk)
        refused = _may_decide(request)
        if refused:
            return refused
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.undo_detachment(request.user, detachment, body.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value = serializers.CharField()
    holders = serializers.IntegerField()
    why_not = serializers.CharField()
    clusters = serializers.ListField(child=serializers.IntegerField())
    cases = CaseRowSerializer(many=True)


class IdentifierSearchView(APIView):
    """GET ?identifier=… however written → each normalised identifier it may be, with its cases (the
    latest 50, as the reader may see them) and their clusters."""

    permission_classes = [permissions.IsAuthenticated, CanSeeClusters]

    @extend_schema(
        parameters=[OpenApiParameter("identifier", str, required=True)], responses=HitSerializer(many=True)
    )
    def get(self, request):
        hits = queries.search(request.query_params.get("identifier", ""), request.user)
        return Response(HitSerializer(hits, many=True).data)
