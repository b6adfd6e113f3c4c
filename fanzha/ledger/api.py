"""The API of the simple ledgers: scoped viewsets whose serializers mask personal data unless the
caller holds `cases.view_pii` and asks `?clear=1` (then the read is written to the access log), and
whose writes check that every org reference lies in the caller's scope and are audited."""

from rest_framework import serializers

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.core.api import ScopedViewSet
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.scope import covers


def wants_clear(request) -> bool:
    """Clear values on a read only (GET): a write's answer is always masked, so `?clear=1` on a POST
    or PATCH cannot show personal data that no access-log row records."""
    return bool(
        request
        and request.method in ("GET", "HEAD")
        and request.query_params.get("clear") == "1"
        and request.user.has_perm("cases.view_pii")
    )


class LedgerSerializer(serializers.ModelSerializer):
    """Org references by code; `masks` = {field: mask function}."""

    masks: dict = {}

    def build_relational_field(self, field_name, relation_info):
        if relation_info.related_model is OrgUnit:
            kwargs = {"slug_field": "code", "queryset": OrgUnit.objects.all()}
            model_field = relation_info.model_field
            if model_field is not None and model_field.null:
                kwargs |= {"required": False, "allow_null": True}
            return serializers.SlugRelatedField, kwargs
        return super().build_relational_field(field_name, relation_info)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not wants_clear(self.context.get("request")):
            for name, mask in self.masks.items():
                if name in data:
                    data[name] = mask(data[name] or "")
        return data

    def validate(self, attrs):
        user = self.context["request"].user
        for name, value in attrs.items():
            if isinstance(value, OrgUnit) and not covers(user, value):
                raise serializers.ValidationError({name: "不在您的管辖范围内"})
        return attrs


class LedgerViewSet(ScopedViewSet):
    audited: tuple[str, ...] = ()

    def _log_clear(self, request, count):
        if self.serializer_class.masks and wants_clear(request) and count:
            label = self.queryset.model._meta.label_lower
            audit.record_access(request, "view", label, "", "个人信息明文", f"接口读取 {count} 条")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self._log_clear(
            request, len(response.data.get("results", [])) if isinstance(response.data, dict) else 0
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._log_clear(request, 1)
        return response

    def perform_create(self, serializer):
        extra = {"created_by": self.request.user} if hasattr(serializer.Meta.model, "created_by") else {}
        actions.create(self.request.user, lambda: serializer.save(**extra), self.audited)

    def perform_update(self, serializer):
        actions.update(self.request.user, serializer.instance, self.audited, serializer.save)
