"""串并案 over the API: the clusters a user may see (a cluster with at least one case in the subtree)
and the search by identifier. As on the pages, a case outside the subtree is its station and day only,
and accounts are masked."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.series import queries
from fanzha.series.models import Cluster


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


class ClusterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """串并案组: GET /api/series/clusters/ (largest first), GET /api/series/clusters/{id}/."""

    queryset = Cluster.objects.all()
    serializer_class = ClusterSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return queries.visible_clusters(self.request.user).order_by("-size", "id")

    def get_serializer_class(self):
        return ClusterDetailSerializer if self.action == "retrieve" else ClusterSerializer


class CanSeeClusters(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("series.view_cluster"))


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
