"""/api/meetings/: the meetings of the caller's subtree (meetings.view_meeting). GET lists and reads
them with their decisions and each decision's duty state; POST registers one (meetings.add_meeting);
hold/ fixes the tabled figures and decide/ gives a decision to a unit as a duty
(meetings.change_meeting). /api/meetings/next/ answers the next 研判会商's date. A meeting outside the
caller's subtree — or any, to a caller without the permission — is a 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.core.api import ScopedViewSet
from fanzha.meetings import queries, services
from fanzha.meetings.models import Decision, Meeting, MeetingKind
from fanzha.orgs.models import OrgUnit


class DecisionSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    duty_id = serializers.IntegerField(source="duty.id", read_only=True, default=None)
    duty_status = serializers.CharField(source="duty.status", read_only=True, default=None)
    duty_status_label = serializers.CharField(source="duty.get_status_display", read_only=True, default=None)

    class Meta:
        model = Decision
        fields = ["id", "text", "org", "org_name", "deadline", "duty_id", "duty_status", "duty_status_label"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)
    attendee_units = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "org",
            "kind",
            "held_on",
            "title",
            "venue",
            "chair",
            "figures_month",
            "attendee_units",
            "attendee_people",
            "minutes",
            "state",
            "held_at",
            "figures",
            "decisions",
        ]
        read_only_fields = fields


class MeetingInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    figures_month = serializers.CharField(max_length=7)
    venue = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    chair = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    attendee_units = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=OrgUnit.objects.all(), required=False, default=list
    )
    attendee_people = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    org = serializers.SlugRelatedField(slug_field="code", queryset=OrgUnit.objects.all())
    deadline = serializers.DateField()


class MeetingPermissions(permissions.IsAuthenticated):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return view.detail or request.user.has_perm("meetings.view_meeting")


class MeetingViewSet(ScopedViewSet):
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    select_related = ("org",)
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [MeetingPermissions]

    def get_queryset(self):
        if not self.request.user.has_perm("meetings.view_meeting"):
            return Meeting.objects.none()
        queryset = (
            super().get_queryset().prefetch_related("attendee_units", "decisions__org", "decisions__duty")
        )
        kind = self.request.query_params.get("kind")
        if kind and kind not in MeetingKind.values:
            allowed = "、".join(f"{value}（{label}）" for value, label in MeetingKind.choices)
            raise serializers.ValidationError({"kind": [f"可选：{allowed}"]})
        return queryset.filter(kind=kind) if kind else queryset

    def _answer(self, meeting, status_code=status.HTTP_200_OK):
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data, status=status_code)

    @extend_schema(request=MeetingInputSerializer, responses={201: MeetingSerializer}, summary="登记会议")
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.add_meeting"):
            return Response({"detail": "没有登记会议的权限"}, status=status.HTTP_403_FORBIDDEN)
        body = MeetingInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            meeting = services.register(
                request.user, request.user.org, services.MeetingInput(**body.validated_data)
            )
        except services.MeetingError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._answer(meeting, status.HTTP_201_CREATED)

    def _act(self, request, pk, apply, body_class=None):
        meeting = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm("meetings.change_meeting"):
            return Response({"detail": "没有办理会议的权限"}, status=status.HTTP_403_FORBIDDEN)
        data = {}
        if body_class is not None:
            body = body_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
        try:
            apply(meeting, data)
        except services.MeetingError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._answer(meeting)

    @extend_schema(request=None, responses={200: MeetingSerializer}, summary="确认召开（固定会上通报的数据）")
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        return self._act(request, pk, lambda meeting, data: services.hold(request.user, meeting))

    @extend_schema(
        request=DecisionInputSerializer, responses={200: MeetingSerializer}, summary="交办议定事项"
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self._act(
            request,
            pk,
            lambda meeting, data: services.decide(
                request.user, meeting, data["org"], data["text"], data["deadline"]
            ),
            DecisionInputSerializer,
        )


class NextMeetingSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    moved = serializers.BooleanField()
    calendar_known = serializers.BooleanField()


class NextMeetingView(APIView):
    """The next monthly 研判会商: its date, whether a weekend or holiday moved it, and whether the
    holiday library knows that year (else weekends only)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = NextMeetingSerializer

    @extend_schema(responses={200: NextMeetingSerializer}, summary="下次研判会商日期")
    def get(self, request):
        if not request.user.has_perm("meetings.view_meeting"):
            return Response({"detail": "没有查看会议的权限"}, status=status.HTTP_403_FORBIDDEN)
        return Response(NextMeetingSerializer(queries.next_consultation()).data)
