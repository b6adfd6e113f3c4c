"""专项行动 over HTTP, scoped like the pages: campaigns with their phases and progress, milestones
(a duty each) by state, assigning milestones, and a unit's report and the office's 验收/退回."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.assessment.models import Campaign, Phase
from fanzha.campaigns import queries, rules, services
from fanzha.campaigns.models import Milestone
from fanzha.core.numbers import whole_number
from fanzha.core.permissions import holds
from fanzha.orgs.models import OrgUnit
from fanzha.prevention import duties
from fanzha.prevention.models import DutyTemplate

VIEW, MANAGE = "campaigns.view_milestone", "campaigns.manage_campaign"


class CanView(BasePermission):
    """Reads need the view permission; writes the management one."""

    def has_permission(self, request, view):
        return request.user.has_perm(VIEW if request.method in SAFE_METHODS else MANAGE)


def _phase_json(p: Phase) -> dict:
    return {"id": p.pk, "name": p.name, "starts_on": p.starts_on, "ends_on": p.ends_on}


def _campaign_json(c: Campaign, totals: dict) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "source": c.source,
        "scope": c.scope.code,
        "scope_name": c.scope.display_name,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "phases": [_phase_json(p) for p in c.phases.all()],
        "milestones": {state: totals.get(state, 0) for state in rules.STATE_LABELS},
    }


def _milestone_json(m, state: str) -> dict:
    duty = m.duty
    return {
        "id": m.pk,
        "duty": duty.pk,
        "campaign": m.phase.campaign_id,
        "phase": m.phase_id,
        "phase_name": m.phase.name,
        "unit": duty.org.code,
        "unit_name": duty.org.display_name,
        "title": duty.title,
        "detail": duty.detail,
        "deadline": duty.deadline,
        "state": state,
        "state_label": rules.STATE_LABELS[state],
        "duty_status": duty.status,
        "report": duty.report,
        "submitted_at": duty.submitted_at,
        "review_note": duty.review_note,
    }


class CampaignInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    scope = serializers.CharField(help_text="范围单位代码")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    standard_phases = serializers.BooleanField(default=True, help_text="按三阶段划分")


class CampaignList(APIView):
    permission_classes = [IsAuthenticated, CanView]

    @extend_schema(
        operation_id="campaigns_list", responses={200: dict}, summary="专项行动方案（含阶段、里程碑完成情况）"
    )
    def get(self, request):
        today = queries.today()
        return Response(
            [
                _campaign_json(c, queries.progress(request.user, c, today).totals)
                for c in queries.campaigns_for(request.user)
            ]
        )

    @extend_schema(request=CampaignInput, responses={201: dict}, summary="新建方案")
    def post(self, request):
        data = CampaignInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        scope = OrgUnit.objects.visible_to(request.user).filter(code=values.pop("scope")).first()
        if scope is None:
            raise ValidationError({"scope": "范围单位代码不存在或不在您的管辖范围内"})
        standard = values.pop("standard_phases")
        if values["ends_on"] < values["starts_on"]:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})
        campaign = services.create_campaign(
            request.user, lambda: Campaign.objects.create(scope=scope, **values), standard_phases=standard
        )
        return Response(_campaign_json(campaign, {}), status=201)


class CampaignDetail(APIView):
    permission_classes = [IsAuthenticated, CanView]
    queryset = Campaign.objects.all()  # the model a pk names (scoped below)

    @extend_schema(responses={200: dict}, summary="一个方案：阶段与各单位进度")
    def get(self, request, pk):
        campaign = get_object_or_404(queries.campaigns_for(request.user), pk=pk)
        grid = queries.progress(request.user, campaign, queries.today())
        body = _campaign_json(campaign, grid.totals)
        body["units"] = [
            {
                "unit": unit.code,
                "unit_name": unit.display_name,
                "phases": [{"phase": p.pk, **dict(cell.counts)} for p, cell in cells],
                "total": dict(whole.counts),
            }
            for unit, cells, whole in grid.rows
        ]
        return Response(body)


class PhaseInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class CampaignPhases(APIView):
    permission_classes = [IsAuthenticated, holds(MANAGE)]
    queryset = Campaign.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=PhaseInput, responses={201: dict}, summary="为方案添加阶段")
    def post(self, request, pk):
        campaign = get_object_or_404(queries.campaigns_for(request.user), pk=pk)
        data = PhaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            phase = services.add_phase(request.user, campaign, **data.validated_data)
        except services.CampaignError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_phase_json(phase), status=201)


class MilestoneList(APIView):
    permission_classes = [IsAuthenticated, CanView]

    @extend_schema(
        parameters=[
            OpenApiParameter("campaign", int),
            OpenApiParameter("phase", int),
            OpenApiParameter("state", str, enum=list(rules.STATE_LABELS)),
        ],
        responses={200: dict},
        summary="里程碑任务（按方案、阶段、状态筛选）",
    )
    def get(self, request):
        params = request.query_params
        rows = queries.milestones_for(request.user)
        for key, field in (("campaign", "phase__campaign_id"), ("phase", "phase_id")):
            value = params.get(key, "")
            if value:
                if whole_number(value) is None:
                    raise ValidationError({key: "请给出编号（整数）"})
                rows = rows.filter(**{field: int(value)})
        state = params.get("state", "")
        if state and state not in rules.STATE_LABELS:
            raise ValidationError({"state": f"状态只能是 {'、'.join(rules.STATE_LABELS)}"})
        today = queries.today()
        pairs = [(m, queries.state_of(m, today)) for m in rows]
        return Response([_milestone_json(m, s) for m, s in pairs if not state or s == state])


class AssignInput(serializers.Serializer):
    units = serializers.ListField(child=serializers.CharField(), allow_empty=False, help_text="责任单位代码")
    deadline = serializers.DateField()
    template = serializers.IntegerField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    detail = serializers.CharField(required=False, allow_blank=True, default="")


class PhaseMilestones(APIView):
    permission_classes = [IsAuthenticated, CanView]
    queryset = Phase.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=AssignInput, responses={201: dict}, summary="向单位分配本阶段的里程碑任务")
    def post(self, request, pk):
        visible = queries.campaigns_for(request.user)
        phase = get_object_or_404(
            Phase.objects.select_related("campaign").filter(campaign__in=visible), pk=pk
        )
        data = AssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        codes = list(dict.fromkeys(values["units"]))
        units = list(OrgUnit.objects.visible_to(request.user).filter(code__in=codes).select_related("parent"))
        missing = sorted(set(codes) - {u.code for u in units})
        if missing:
            raise ValidationError({"units": f"单位代码不存在或不在您的管辖范围内：{'、'.join(missing)}"})
        template = None
        if values["template"] is not None:
            template = DutyTemplate.objects.filter(pk=values["template"]).first()
            if template is None:
                raise ValidationError({"template": "任务模板不存在"})
        plan = services.MilestonePlan(
            units=units,
            deadline=values["deadline"],
            template=template,
            title=values["title"],
            detail=values["detail"],
        )
        try:
            made = services.assign_milestones(request.user, phase, plan)
        except services.CampaignError as error:
            raise ValidationError({"detail": str(error)}) from None
        today = queries.today()
        return Response([_milestone_json(m, queries.state_of(m, today)) for m in made], status=201)


class MilestoneReportInput(serializers.Serializer):
    report = serializers.CharField()
    responsible = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)


class MilestoneReviewInput(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class MilestoneReport(APIView):
    """The unit reports (落实情况); the same action as the duty page."""

    permission_classes = [IsAuthenticated, holds("prevention.report_duty")]
    queryset = Milestone.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=MilestoneReportInput, responses={200: dict}, summary="报送里程碑任务落实情况")
    def post(self, request, pk):
        milestone = get_object_or_404(queries.milestones_for(request.user), pk=pk)
        data = MilestoneReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            duties.submit(
                request.user,
                milestone.duty,
                data.validated_data["report"],
                data.validated_data["responsible"],
            )
        except duties.DutyError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_milestone_json(milestone, queries.state_of(milestone, queries.today())))


class MilestoneReview(APIView):
    """The office accepts (验收) or returns (退回, with the reason)."""

    permission_classes = [IsAuthenticated, holds("prevention.review_duty")]
    queryset = Milestone.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=MilestoneReviewInput, responses={200: dict}, summary="验收或退回里程碑任务")
    def post(self, request, pk):
        milestone = get_object_or_404(queries.milestones_for(request.user), pk=pk)
        data = MilestoneReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            duties.review(
                request.user, milestone.duty, data.validated_data["accept"], data.validated_data["note"]
            )
        except duties.DutyError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_milestone_json(milestone, queries.state_of(milestone, queries.today())))
