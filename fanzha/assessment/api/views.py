"""The governance engine over HTTP: the same figures and records as the CLI, scoped like the UI."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.assessment.assess import SchemeNotFound, assess, latest_scheme
from fanzha.assessment.indicators import unit_indicators
from fanzha.assessment.models import Certificate, Notice, Outcome
from fanzha.assessment.ranking import build_ranking
from fanzha.assessment.services import EntryError, act_on_outcome, record_interview
from fanzha.core.numbers import whole_number
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.permissions import ModelPermissions, holds
from fanzha.orgs.models import OrgUnit
from fanzha.parameters.levels import LevelError, get_level

PERIOD = OpenApiParameter(
    "period", str, description="2024-03、2024Q1、2024H1、2024 或 2024-03-05..2024-04-10"
)


def _period(request):
    try:
        return parse_period(request.query_params.get("period", ""))
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None


class RankingView(APIView):
    permission_classes = [IsAuthenticated, holds("assessment.view_indicators")]

    @extend_schema(
        parameters=[PERIOD, OpenApiParameter("level", str, enum=["station", "town", "village", "unit"])],
        responses={200: dict},
        summary="排名：发案数、损失金额、万人发案数，含同比、环比和历史对比",
    )
    def get(self, request):
        try:
            level = get_level(request.query_params.get("level", "station"))
        except LevelError as error:
            raise ValidationError({"level": str(error)}) from None
        return Response([row.as_json() for row in build_ranking(level, _period(request)).rows])


class IndicatorView(APIView):
    permission_classes = [IsAuthenticated, holds("assessment.view_indicators")]

    @extend_schema(
        parameters=[PERIOD], responses={200: dict}, summary="单位指标：分子分母、同比环比、分类构成、逐月趋势"
    )
    def get(self, request, code):
        org = OrgUnit.objects.visible_to(request.user).filter(code=code).first()
        if org is None:
            raise Http404
        data = unit_indicators(org, _period(request))
        return Response(data | {"code": org.code, "name": org.name})


class OutcomeSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="org.code", read_only=True)
    name = serializers.CharField(source="org.name", read_only=True)
    case_number = serializers.CharField(source="case.case_number", read_only=True, default=None)

    class Meta:
        model = Outcome
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "period",
            "case_number",
            "reason",
            "notice",
            "status",
            "note",
            "acted_at",
        ]
        read_only_fields = fields


class InterviewSerializer(serializers.Serializer):
    notice = serializers.IntegerField(
        help_text="所依据的通报记录编号（/assessment/notices/ 中对该单位的通报）"
    )
    on = serializers.DateField(help_text="约谈日期")
    reason = serializers.CharField(max_length=300, help_text="约谈事由")


class ActSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["acknowledged", "closed"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OutcomeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """督办事项 (约谈, 挂牌整治, 全环节倒查, 评先评优); act on one with POST …/act/."""

    serializer_class = OutcomeSerializer
    permission_classes = [IsAuthenticated, ModelPermissions]
    queryset = Outcome.objects.all()
    filterset_fields = ["kind", "status", "period"]

    def get_queryset(self):
        return Outcome.objects.visible_to(self.request.user).select_related("org", "case")

    @extend_schema(request=ActSerializer, responses={200: OutcomeSerializer}, summary="签收或办结")
    @action(
        detail=True, methods=["post"], permission_classes=[IsAuthenticated, holds("assessment.act_outcome")]
    )
    def act(self, request, pk=None):
        outcome = self.get_object()
        data = ActSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            act_on_outcome(request.user, outcome, data.validated_data["status"], data.validated_data["note"])
        except EntryError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(OutcomeSerializer(outcome).data)

    @extend_schema(request=InterviewSerializer, responses={201: OutcomeSerializer}, summary="酌情约谈一把手")
    @action(
        detail=False,
        methods=["post"],
        permission_classes=[IsAuthenticated, holds("assessment.add_notice")],
    )
    def interview(self, request):
        """约谈一把手 of a member unit, village or community at the office's discretion, citing the 通报
        record that named it; a 督办事项 like the rules' 约谈."""
        data = InterviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notice = Notice.objects.visible_to(request.user).filter(pk=data.validated_data["notice"]).first()
        if notice is None:
            raise ValidationError({"notice": "通报记录不存在或不在您的管辖范围内"})
        try:
            outcome = record_interview(
                request.user, notice.org, notice, data.validated_data["on"], data.validated_data["reason"]
            )
        except EntryError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(OutcomeSerializer(outcome).data, status=201)


class AssessmentView(APIView):
    permission_classes = [IsAuthenticated, holds("assessment.view_itemscore")]

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("scheme", str)],
        responses={200: dict},
        summary="百分制考核结果",
    )
    def get(self, request):
        year = whole_number(request.query_params.get("year"), digits=4)
        if year is None:
            raise ValidationError({"year": "请给出年度，如 2024"})
        try:
            scheme = latest_scheme(request.query_params.get("scheme", "004"))
        except SchemeNotFound as error:
            raise ValidationError({"scheme": str(error)}) from None
        return Response(assess(year, scheme, orgs=OrgUnit.objects.visible_to(request.user)))


class CertificateSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="org.code", read_only=True)
    name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "code",
            "name",
            "subject_kind",
            "year",
            "certified",
            "status",
            "criteria",
            "flag_reason",
        ]
        read_only_fields = fields


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """无诈创建结果 (computed with `fanzha certify` or on the 无诈创建 page)."""

    serializer_class = CertificateSerializer
    permission_classes = [IsAuthenticated, ModelPermissions]
    queryset = Certificate.objects.all()
    filterset_fields = ["subject_kind", "year", "status", "certified"]

    def get_queryset(self):
        return Certificate.objects.visible_to(self.request.user).select_related("org")
