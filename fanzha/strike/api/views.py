"""/api/strike/requests/: the desk's requests, with the same scope as the pages (the case's station
subtree, or the addressed bank's liaison); the account number and the holder's ID masked unless the
caller may see them and asks `?clear=1` (logged). Actions: confirm, fail, deliver, receive."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from fanzha.audit import log as audit
from fanzha.core import clock
from fanzha.core.api import ScopedViewSet
from fanzha.core.masking import mask_account, mask_id_number
from fanzha.ledger.api import wants_clear
from fanzha.strike import queries, services
from fanzha.strike.models import FailureReason, StrikeRequest


class RequestSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.case_number", read_only=True)
    station = serializers.CharField(source="case.station.code", read_only=True)
    bank = serializers.CharField(source="bank.code", read_only=True)
    bank_name = serializers.CharField(source="bank.name", read_only=True)
    account = serializers.SerializerMethodField()
    holder_name = serializers.CharField(source="account.holder_name", read_only=True)
    holder_id_number = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField()

    class Meta:
        model = StrikeRequest
        fields = [
            "id",
            "case",
            "station",
            "bank",
            "bank_name",
            "account",
            "holder_name",
            "holder_id_number",
            "kind",
            "channel",
            "previous",
            "repeat",
            "requested_at",
            "confirmed_at",
            "requested_fen",
            "held_fen",
            "returned_fen",
            "state",
            "failure_reason",
            "documents_due_at",
            "documents_delivered_at",
            "documents_received_at",
            "expires_at",
            "follow_up_due_at",
            "due_at",
            "clocks",
        ]
        read_only_fields = fields

    def _clear(self, obj) -> bool:
        request = self.context.get("request")
        return wants_clear(request) or (
            request is not None
            and request.method in ("GET", "HEAD")
            and request.query_params.get("clear") == "1"
            and queries.may_reveal(request.user, obj)
        )

    def get_account(self, obj) -> str:
        return obj.account.number if self._clear(obj) else mask_account(obj.account.number)

    def get_holder_id_number(self, obj) -> str:
        value = obj.account.holder_id_number
        return value if self._clear(obj) else mask_id_number(value)

    def get_clocks(self, obj) -> list[dict]:
        row = queries.row(obj, clock.now(), queries.amber_hours())
        return [
            {"label": c.clock.label, "due": c.clock.due, "met_at": c.clock.met_at, "state": c.state}
            for c in row.clocks
        ]


def _log_clear(request, rows: list[dict], objects) -> None:
    if request.query_params.get("clear") != "1" or not rows:
        return
    shown = [
        o for o in objects if request.user.has_perm("cases.view_pii") or queries.may_reveal(request.user, o)
    ]
    if shown:
        ids = [str(o.pk) for o in shown]
        audit.record_access(
            request,
            "api",
            "strike.strikerequest",
            ids[0] if len(ids) == 1 else "",
            "账号、开户人证件号",
            "API 明文读取：止付冻结请求 " + "、".join(ids[:20]),
        )


class RequestPermissions(permissions.BasePermission):
    """A list needs strike.view_strikerequest; one request is looked up in the caller's scope first
    (a 404 outside it), then the permission is checked; an action checks its own permission."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if view.action == "list":
            return request.user.has_perm("strike.view_strikerequest")
        return True

    def has_object_permission(self, request, view, obj):
        return request.user.has_perm("strike.view_strikerequest")


class AmountSerializer(serializers.Serializer):
    amount_fen = serializers.IntegerField(min_value=1)


class FailSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=FailureReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class RequestViewSet(ScopedViewSet):
    queryset = StrikeRequest.objects.all()
    serializer_class = RequestSerializer
    select_related = ("case", "case__station", "account", "bank")
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [RequestPermissions]

    def get_queryset(self):
        return super().get_queryset().order_by("due_at", "-requested_at", "-id")

    def create(self, request, *args, **kwargs):
        return Response({"detail": "请在止付冻结工作台登记请求"}, status=status.HTTP_405_METHOD_NOT_ALLOWED)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        ids = [row["id"] for row in rows]
        _log_clear(request, rows, StrikeRequest.objects.filter(pk__in=ids))
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = RequestSerializer(obj, context={"request": request}).data
        _log_clear(request, [data], [obj])
        return Response(data)

    def _act(self, request, pk, perm, apply, body_class=None):
        """The request in scope first (a 404 outside it, whatever the body), then the permission, then
        the body."""
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm(perm):
            return Response({"detail": "没有办理该操作的权限"}, status=status.HTTP_403_FORBIDDEN)
        data = {}
        if body_class is not None:
            body = body_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
        try:
            apply(obj, data)
        except services.StrikeError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(RequestSerializer(obj, context={"request": request}).data)

    @extend_schema(
        request=AmountSerializer, responses={200: RequestSerializer}, summary="银行反馈：已执行（金额，分）"
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._act(
            request,
            pk,
            "strike.confirm_request",
            lambda o, data: services.confirm(request.user, o, data["amount_fen"]),
            AmountSerializer,
        )

    @extend_schema(
        request=FailSerializer, responses={200: RequestSerializer}, summary="银行反馈：未成功（原因）"
    )
    @action(detail=True, methods=["post"])
    def fail(self, request, pk=None):
        return self._act(
            request,
            pk,
            "strike.confirm_request",
            lambda o, data: services.fail(request.user, o, data["reason"], data.get("note", "")),
            FailSerializer,
        )

    @extend_schema(request=None, responses={200: RequestSerializer}, summary="法律文书已送达")
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        return self._act(
            request, pk, "strike.act_request", lambda o, data: services.deliver_documents(request.user, o)
        )

    @extend_schema(request=None, responses={200: RequestSerializer}, summary="银行签收法律文书")
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        return self._act(
            request, pk, "strike.confirm_request", lambda o, data: services.receive_documents(request.user, o)
        )
