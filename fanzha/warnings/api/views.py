from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core.api import ScopedViewSet
from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.masking import mask_id_number, mask_phone
from fanzha.core.permissions import ModelPermissions
from fanzha.core.phones import PhoneError, clean_phone
from fanzha.ledger.api import LedgerSerializer, wants_clear
from fanzha.orgs.models import OrgUnit
from fanzha.warnings import filters, services
from fanzha.warnings.models import Method, Outcome, VerificationOrder, Warning


class WarningSerializer(serializers.ModelSerializer):
    station = serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.filter(kind="station"), required=False, allow_null=True
    )

    class Meta:
        model = Warning
        fields = [
            "external_id",
            "received_at",
            "phone",
            "name",
            "id_number",
            "risk_type",
            "level",
            "source",
            "station",
        ]

    def validate_phone(self, value):
        try:
            return clean_phone(value)
        except PhoneError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_id_number(self, value):
        try:
            return clean_id_number(value)
        except IdNumberError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate(self, attrs):
        if not attrs.get("phone") and not attrs.get("id_number"):
            raise serializers.ValidationError({"phone": "电话和身份证号至少填写一项"})
        return attrs


class OrderSerializer(LedgerSerializer):
    warning = WarningSerializer(read_only=True)
    masks = {}

    class Meta:
        model = VerificationOrder
        fields = [
            "id",
            "warning",
            "assigned_to",
            "station",
            "routed_by",
            "deadline",
            "status",
            "signed_at",
            "contacted",
            "contacted_at",
            "method",
            "outcome",
            "note",
            "escalated_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not wants_clear(self.context.get("request")):
            data["warning"]["phone"] = mask_phone(data["warning"]["phone"])
            data["warning"]["id_number"] = mask_id_number(data["warning"]["id_number"])
        return data


def log_clear_read(request, orders: list[dict]) -> None:
    """Orders answered with the warned person's phone and ID number in clear (the caller holds
    `cases.view_pii` and asked `?clear=1`) are written to the access log."""
    if not orders or not wants_clear(request):
        return
    ids = [str(order["id"]) for order in orders]
    audit.record_access(
        request,
        "api",
        VerificationOrder._meta.label_lower,
        ids[0] if len(ids) == 1 else "",
        "预警对象电话、身份证号",
        "API 明文读取：核查指令 " + "、".join(ids[:20]),
    )


class OutcomeSerializer(serializers.Serializer):
    contacted = serializers.BooleanField()
    method = serializers.ChoiceField(choices=Method.choices, required=False, allow_blank=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    case_number = serializers.CharField(required=False, allow_blank=True)


class OrderPermissions(ModelPermissions):
    """Reading orders needs view; receiving (import_warnings) and acting (act_order) are checked by
    the actions themselves."""

    perms_map = {**ModelPermissions.perms_map, "POST": ["%(app_label)s.view_%(model_name)s"]}


class OrderViewSet(ScopedViewSet):
    """核查指令. POST /api/warnings/orders/ receives a warning from the upper platform and routes it
    (needs warnings.import_warnings); sign/ and outcome/ act on an order within the caller's scope."""

    queryset = VerificationOrder.objects.all()
    serializer_class = OrderSerializer
    filterset_class = filters.OrderFilterSet
    select_related = ("warning", "assigned_to", "station")
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [OrderPermissions]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        log_clear_read(request, response.data.get("results", []))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_clear_read(request, [response.data])
        return response

    def _answer(self, request, order, status_code=status.HTTP_200_OK):
        data = OrderSerializer(order, context={"request": request}).data
        log_clear_read(request, [data])
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("warnings.import_warnings"):
            return Response({"detail": "没有接收预警的权限"}, status=status.HTTP_403_FORBIDDEN)
        incoming = WarningSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        order = services.receive(Warning(**incoming.validated_data), request.user)
        return self._answer(request, order, status.HTTP_201_CREATED)

    def _act(self, request, pk, apply):
        if not request.user.has_perm("warnings.act_order"):
            return Response({"detail": "没有处置核查指令的权限"}, status=status.HTTP_403_FORBIDDEN)
        order = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            apply(order)
        except services.OrderError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._answer(request, order)

    @extend_schema(request=None, responses={200: OrderSerializer}, summary="签收")
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._act(request, pk, lambda order: services.sign(request.user, order))

    @extend_schema(request=OutcomeSerializer, responses={200: OrderSerializer}, summary="联系结果（办结）")
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        case = None
        if data.get("case_number"):
            case = Case.objects.visible_to(request.user).filter(case_number=data["case_number"]).first()
            if case is None:
                return Response(
                    {"case_number": ["在您管辖范围内找不到该案件"]}, status=status.HTTP_400_BAD_REQUEST
                )
        return self._act(
            request,
            pk,
            lambda order: services.record_outcome(
                request.user,
                order,
                contacted=data["contacted"],
                method=data.get("method", ""),
                outcome=data["outcome"],
                note=data.get("note", ""),
                case=case,
            ),
        )
