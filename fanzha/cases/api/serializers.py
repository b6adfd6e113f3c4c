from rest_framework import serializers

from fanzha.audit import log as audit
from fanzha.cases import attribution, derive
from fanzha.cases.choices import IdentifierKind
from fanzha.cases.identifiers import clean_identifier
from fanzha.cases.models import LEDGER_FIELDS, Case, FraudType, SuspectIdentifier
from fanzha.cases.pii import MASKS, mask_identifier
from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.money import format_yuan, parse_money
from fanzha.core.phones import PhoneError, clean_phone
from fanzha.ledger.api import wants_clear
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.scope import covers


class FraudTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FraudType
        fields = ["id", "name", "aliases", "sort_order", "is_active"]


class IdentifierSerializer(serializers.ModelSerializer):
    class Meta:
        model = SuspectIdentifier
        fields = ["kind", "value"]

    def validate(self, attrs):
        # a PATCH makes nested fields optional; an identifier still needs both
        missing = [name for name in self.Meta.fields if name not in attrs]
        if missing:
            raise serializers.ValidationError(
                {name: f"请填写{SuspectIdentifier._meta.get_field(name).verbose_name}" for name in missing}
            )
        return attrs


class YuanField(serializers.CharField):
    """Money as a decimal string in 元 ("12345.50"); stored as fen."""

    def to_representation(self, value):
        return format_yuan(value, grouping=False)

    def to_internal_value(self, data):
        try:
            return parse_money(str(data)) or 0
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc


NO_PII_PERMISSION = "无查看个人信息明文的权限，不可修改"


class CaseSerializer(serializers.ModelSerializer):
    """Personal data (ID number, phone, suspect accounts) is masked unless the request asks for
    `?clear=1` and the user holds `cases.view_pii`; such reads are written to the access log."""

    place = serializers.SlugRelatedField(
        slug_field="code", queryset=OrgUnit.objects.filter(kind__in=PLACE_KINDS)
    )
    station = serializers.SlugRelatedField(
        slug_field="code",
        queryset=OrgUnit.objects.filter(kind=OrgKind.STATION),
        required=False,
        allow_null=True,
    )
    employer = serializers.SlugRelatedField(
        slug_field="code",
        required=False,
        allow_null=True,
        queryset=OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT),
    )
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    fraud_type = serializers.SlugRelatedField(slug_field="name", queryset=FraudType.objects.all())
    loss_yuan = YuanField(source="loss_fen", required=False)
    recovered_yuan = YuanField(source="recovered_fen", required=False)
    identifiers = IdentifierSerializer(many=True, required=False)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)
    grade_set_by_hand = serializers.SerializerMethodField()
    stage = serializers.CharField(source="stage_display", read_only=True)

    def get_grade_set_by_hand(self, case) -> bool:
        return case.grade_override is not None

    class Meta:
        model = Case
        fields = [
            "id",
            *(
                {"loss_fen": "loss_yuan", "recovered_fen": "recovered_yuan"}.get(name, name)
                for name in LEDGER_FIELDS
            ),
            "town",
            "identifiers",
            "grade",
            "grade_label",
            "grade_set_by_hand",
            "stage",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at", "grade"]

    def clear(self) -> bool:
        return wants_clear(self.context.get("request"))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.clear():
            for name, mask in MASKS.items():
                data[name] = mask(data[name])
            for item in data.get("identifiers") or []:
                item["value"] = mask_identifier(item["kind"], item["value"])
        return data

    def _user(self):
        return self.context["request"].user

    def _stored_pii(self, name: str, value):
        """Without `cases.view_pii` a personal-data field cannot be changed: sending back what was
        read (the masked value) keeps it; anything else is refused, the stored clear value too (else
        a wrong guess and a right one would answer differently)."""
        stored = getattr(self.instance, name, "") or ""
        if value in ("", None) if not stored else value == MASKS[name](stored):
            return stored
        raise serializers.ValidationError(NO_PII_PERMISSION)

    def validate_victim_id_number(self, value):
        if not self._user().has_perm("cases.view_pii"):
            return self._stored_pii("victim_id_number", value)
        try:
            return clean_id_number(value)
        except IdNumberError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_victim_phone(self, value):
        if not self._user().has_perm("cases.view_pii"):
            return self._stored_pii("victim_phone", value)
        try:
            return clean_phone(value)
        except PhoneError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def validate_place(self, place):
        if not covers(self._user(), place):
            raise serializers.ValidationError("发案地不在您的管辖范围内")
        return place

    def validate_identifiers(self, items):
        may_see = self._user().has_perm("cases.view_pii")
        stored_accounts = []
        if not may_see and self.instance is not None:
            stored_accounts = list(
                self.instance.identifiers.filter(kind=IdentifierKind.ACCOUNT).values_list("value", flat=True)
            )
        readable = {mask_identifier(IdentifierKind.ACCOUNT, value) for value in stored_accounts}
        cleaned = []
        for item in items:
            if not may_see and item["kind"] == IdentifierKind.ACCOUNT:
                if item["value"] not in readable:
                    raise serializers.ValidationError(f"「{item['value']}」：{NO_PII_PERMISSION}")
                continue  # the stored accounts are kept below
            try:
                cleaned.append((item["kind"], clean_identifier(item["kind"], item["value"])))
            except ValueError as exc:
                raise serializers.ValidationError(f"「{item['value']}」：{exc}") from exc
        return cleaned + [(IdentifierKind.ACCOUNT.value, value) for value in stored_accounts]

    def validate(self, attrs):
        try:
            derive.check_born_before_report(
                attrs.get("victim_id_number", getattr(self.instance, "victim_id_number", "")),
                attrs.get("reported_at", getattr(self.instance, "reported_at", None)),
            )
        except ValueError as exc:
            raise serializers.ValidationError({"victim_id_number": str(exc)}) from exc
        place, station = attrs.get("place"), attrs.get("station")
        if place is not None and station is None and place.station_id is None:
            raise serializers.ValidationError({"station": "发案地未设置所属派出所，请填写派出所"})
        user, stored = self._user(), self.instance
        if "station" in attrs and not attribution.station_allowed(
            user, station, place or getattr(stored, "place", None), getattr(stored, "station_id", None)
        ):
            raise serializers.ValidationError({"station": attribution.STATION_MESSAGE})
        if "employer" in attrs and not attribution.employer_allowed(
            user, attrs["employer"], getattr(stored, "employer_id", None)
        ):
            raise serializers.ValidationError({"employer": attribution.EMPLOYER_MESSAGE})
        if attrs.get("recovered_fen", 0) > attrs.get("loss_fen", getattr(self.instance, "loss_fen", 0)):
            raise serializers.ValidationError({"recovered_yuan": "挽损金额大于损失金额"})
        return attrs


def log_clear_read(request, cases) -> None:
    numbers = [c.case_number for c in cases][:20]
    audit.record_access(
        request,
        "api",
        "cases.case",
        "",
        "身份证号、联系电话、嫌疑人账户",
        "API 明文读取：" + "、".join(numbers),
    )
