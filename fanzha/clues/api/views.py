"""/api/clues/: the clues the caller's subtree holds. GET lists and reads them (values masked unless the
caller holds `cases.view_pii` and asks `?clear=1`, then logged); POST receives one clue from the upper
platform (clues.add_clue), matched and assigned at once; finding/ and strike/ record 核查结果 and 打处
(clues.act_clue), assign/ moves it to a station (clues.assign_clue). A clue outside the caller's
subtree — or any clue, for a caller without the clue permission — is a 404."""

from django.shortcuts import get_object_or_404
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from fanzha.audit import log as audit
from fanzha.clues import services
from fanzha.clues.models import Clue, ClueKind, ClueState, mask_people, mask_value
from fanzha.core.api import ScopedViewSet
from fanzha.ledger.api import wants_clear
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit


class ClueSerializer(serializers.ModelSerializer):
    station = serializers.SlugRelatedField(slug_field="code", read_only=True)
    station_name = serializers.CharField(source="station.name", read_only=True, default="")

    class Meta:
        model = Clue
        fields = [
            "id",
            "kind",
            "value",
            "source",
            "batch",
            "received_on",
            "deadline",
            "station",
            "station_name",
            "assigned_by",
            "assignment_note",
            "state",
            "finding",
            "verified_at",
            "people_handled",
            "handled_people",
            "struck_at",
            "officer",
            "note",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not wants_clear(self.context.get("request")):
            data["value"] = mask_value(instance.kind, instance.value)
            data["handled_people"] = mask_people(instance.handled_people)
        return data


class IncomingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ClueKind.choices)
    value = serializers.CharField(max_length=300)
    source = serializers.CharField(max_length=60)
    batch = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    received_on = serializers.DateField()
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class FindingSerializer(serializers.Serializer):
    landed = serializers.BooleanField()
    finding = serializers.CharField(max_length=2000)
    officer = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class StrikeSerializer(serializers.Serializer):
    people = serializers.IntegerField(min_value=1, max_value=999)
    handled_people = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    finding = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    officer = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    station = serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.filter(kind=OrgKind.STATION)
    )


class CluePermissions(permissions.IsAuthenticated):
    """The list needs clues.view_clue (else 403); one clue is looked up in the caller's clues, which are
    none without that permission, so a caller without it gets the same 404 as for a clue elsewhere."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if view.detail:
            return True
        return request.user.has_perm("clues.view_clue")


def _log_clear(request, rows: list[dict]) -> None:
    if not rows or not wants_clear(request):
        return
    ids = [str(row["id"]) for row in rows]
    audit.record_access(
        request,
        "api",
        Clue._meta.label_lower,
        ids[0] if len(ids) == 1 else "",
        "线索内容、打处人员身份证号",
        "API 明文读取：线索 " + "、".join(ids[:20]),
    )


class ClueViewSet(ScopedViewSet):
    queryset = Clue.objects.all()
    serializer_class = ClueSerializer
    select_related = ("station",)
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [CluePermissions]

    def get_queryset(self):
        if not self.request.user.has_perm("clues.view_clue"):
            return Clue.objects.none()
        queryset = super().get_queryset().order_by("deadline", "id")
        state = self.request.query_params.get("state")
        if state and state not in ClueState.values:
            allowed = "、".join(f"{value}（{label}）" for value, label in ClueState.choices)
            raise serializers.ValidationError({"state": [f"可选：{allowed}"]})
        return queryset.filter(state=state) if state else queryset

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_clear(request, response.data.get("results", []) if isinstance(response.data, dict) else [])
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        _log_clear(request, [response.data])
        return response

    def _answer(self, request, clue, status_code=status.HTTP_200_OK):
        return Response(ClueSerializer(clue, context={"request": request}).data, status=status_code)

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("clues.add_clue"):
            return Response({"detail": "没有录入线索的权限"}, status=status.HTTP_403_FORBIDDEN)
        body = IncomingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            clue = services.receive(request.user, services.Incoming(**body.validated_data))
        except services.ClueError as exc:
            return Response({"value": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return self._answer(request, clue, status.HTTP_201_CREATED)

    def _act(self, request, pk, perm, body_class, apply):
        clue = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm(perm):
            return Response({"detail": "没有办理线索的权限"}, status=status.HTTP_403_FORBIDDEN)
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            apply(clue, body.validated_data)
        except services.ClueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._answer(request, clue)

    @action(detail=True, methods=["post"])
    def finding(self, request, pk=None):
        return self._act(
            request,
            pk,
            "clues.act_clue",
            FindingSerializer,
            lambda clue, data: services.record_finding(request.user, clue, **data),
        )

    @action(detail=True, methods=["post"])
    def strike(self, request, pk=None):
        return self._act(
            request,
            pk,
            "clues.act_clue",
            StrikeSerializer,
            lambda clue, data: services.record_strike(request.user, clue, **data),
        )

    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._act(
            request,
            pk,
            "clues.assign_clue",
            AssignSerializer,
            lambda clue, data: services.assign(request.user, clue, data["station"]),
        )
