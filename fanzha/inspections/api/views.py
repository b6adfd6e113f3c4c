"""督导检查 over HTTP, scoped like the pages: inspections with their findings, the overdue list, the
unit's report (整改情况) and the office's 销号/退回."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.core.permissions import holds
from fanzha.inspections import queries, services
from fanzha.inspections.models import Finding, FindingStatus, Inspection
from fanzha.orgs.models import OrgUnit

VIEW, CONDUCT, REPORT = (
    "inspections.view_inspection",
    "inspections.conduct_inspection",
    "inspections.report_finding",
)


class ReadOrConduct(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm(VIEW if request.method in SAFE_METHODS else CONDUCT)


def _finding_json(f: Finding, today) -> dict:
    return {
        "id": f.pk,
        "inspection": f.inspection_id,
        "unit": f.inspection.org.code,
        "unit_name": f.inspection.org.display_name,
        "problem": f.problem,
        "deadline": f.deadline,
        "status": f.status,
        "status_label": f.get_status_display(),
        "overdue": queries.is_overdue(f, today),
        "rectification": f.rectification,
        "reported_at": f.reported_at,
        "review_note": f.review_note,
        "closed_at": f.closed_at,
    }


def _inspection_json(i: Inspection, today) -> dict:
    return {
        "id": i.pk,
        "unit": i.org.code,
        "unit_name": i.org.display_name,
        "inspected_on": i.inspected_on,
        "inspectors": i.inspectors,
        "subject": i.subject,
        "note": i.note,
        "findings": [_finding_json(f, today) for f in i.findings.select_related("inspection__org__parent")],
    }


class FindingInput(serializers.Serializer):
    problem = serializers.CharField()
    deadline = serializers.DateField()


class InspectionInput(serializers.Serializer):
    unit = serializers.CharField(help_text="被检查单位代码")
    inspected_on = serializers.DateField()
    inspectors = serializers.CharField(max_length=200)
    subject = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    findings = FindingInput(many=True, required=False, default=list)


class InspectionList(APIView):
    permission_classes = [IsAuthenticated, ReadOrConduct]

    @extend_schema(operation_id="inspections_list", responses={200: dict}, summary="督导检查（含发现问题）")
    def get(self, request):
        today = services.today()
        rows = Inspection.objects.visible_to(request.user).select_related("org__parent")[:500]
        return Response([_inspection_json(i, today) for i in rows])

    @extend_schema(request=InspectionInput, responses={201: dict}, summary="记录督导检查")
    def post(self, request):
        data = InspectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        org = OrgUnit.objects.visible_to(request.user).filter(code=values["unit"]).first()
        if org is None:
            raise ValidationError({"unit": "单位代码不存在或不在您的管辖范围内"})
        findings = [services.FindingInput(f["problem"], f["deadline"]) for f in values["findings"]]
        try:
            inspection = services.record_inspection(
                request.user,
                org,
                values["inspected_on"],
                values["inspectors"],
                values["subject"],
                values["note"],
                findings,
            )
        except services.InspectionError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_inspection_json(inspection, services.today()), status=201)


class InspectionDetail(APIView):
    permission_classes = [IsAuthenticated, holds(VIEW)]
    queryset = Inspection.objects.all()  # the model a pk names (scoped below)

    @extend_schema(responses={200: dict}, summary="一次督导检查")
    def get(self, request, pk):
        inspection = get_object_or_404(
            Inspection.objects.visible_to(request.user).select_related("org"), pk=pk
        )
        return Response(_inspection_json(inspection, services.today()))


class FindingList(APIView):
    permission_classes = [IsAuthenticated, holds(VIEW)]

    @extend_schema(
        parameters=[
            OpenApiParameter("overdue", bool, description="1：只列逾期未销号的问题"),
            OpenApiParameter("status", str, enum=list(FindingStatus.values)),
        ],
        responses={200: dict},
        summary="发现问题（可只列逾期的）",
    )
    def get(self, request):
        today = services.today()
        rows = queries.findings_for(request.user)
        status = request.query_params.get("status", "")
        if status:
            if status not in FindingStatus.values:
                raise ValidationError({"status": f"状态只能是 {'、'.join(FindingStatus.values)}"})
            rows = rows.filter(status=status)
        if request.query_params.get("overdue") in ("1", "true"):
            rows = rows.exclude(status=FindingStatus.CLOSED).filter(deadline__lt=today)
        return Response([_finding_json(f, today) for f in rows[:2000]])


class FindingReportInput(serializers.Serializer):
    text = serializers.CharField(help_text="整改情况")


class FindingReviewInput(serializers.Serializer):
    close = serializers.BooleanField(help_text="true 销号；false 退回")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class FindingReport(APIView):
    permission_classes = [IsAuthenticated, holds(REPORT)]
    queryset = Finding.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=FindingReportInput, responses={200: dict}, summary="报送整改情况")
    def post(self, request, pk):
        finding = get_object_or_404(queries.findings_for(request.user), pk=pk)
        data = FindingReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.report(request.user, finding, data.validated_data["text"])
        except services.InspectionError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_finding_json(finding, services.today()))


class FindingReview(APIView):
    permission_classes = [IsAuthenticated, holds(CONDUCT)]
    queryset = Finding.objects.all()  # the model a pk names (scoped below)

    @extend_schema(request=FindingReviewInput, responses={200: dict}, summary="销号或退回")
    def post(self, request, pk):
        finding = get_object_or_404(queries.findings_for(request.user), pk=pk)
        data = FindingReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.review(request.user, finding, data.validated_data["close"], data.validated_data["note"])
        except services.InspectionError as error:
            raise ValidationError({"detail": str(error)}) from None
        return Response(_finding_json(finding, services.today()))
