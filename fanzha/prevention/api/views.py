from rest_framework import serializers

from fanzha.core.masking import mask_phone
from fanzha.ledger.api import LedgerSerializer, LedgerViewSet
from fanzha.orgs.scope import covers
from fanzha.prevention import filters
from fanzha.prevention.models import (
    Activity,
    Duty,
    HouseholdVisit,
    PledgeCount,
    Registration,
    SmsCampaign,
    WeChatGroup,
)
from fanzha.prevention.visits import save_visit


def _serializer(model_class, field_names, masks=None, read_only=()):
    meta = type(
        "Meta",
        (),
        {"model": model_class, "fields": ["id", *field_names], "read_only_fields": list(read_only)},
    )
    return type(
        f"{model_class.__name__}Serializer", (LedgerSerializer,), {"Meta": meta, "masks": masks or {}}
    )


def _viewset(model_class, serializer_class, filterset, related=(), audited=()):
    return type(
        f"{model_class.__name__}ViewSet",
        (LedgerViewSet,),
        {
            "queryset": model_class.objects.all(),
            "serializer_class": serializer_class,
            "filterset_class": filterset,
            "select_related": related,
            "audited": audited,
        },
    )


ACTIVITY_FIELDS = [
    "kind",
    "org",
    "held_on",
    "place",
    "audience_kind",
    "audience_count",
    "materials_count",
    "quantity",
    "staff",
    "note",
]
ActivityViewSet = _viewset(
    Activity,
    _serializer(Activity, ACTIVITY_FIELDS),
    filters.ActivityFilterSet,
    ("kind", "org"),
    tuple(ACTIVITY_FIELDS),
)
REGISTRATION_FIELDS = ["org", "tool", "as_of", "count", "source"]
RegistrationViewSet = _viewset(
    Registration,
    _serializer(Registration, REGISTRATION_FIELDS),
    filters.RegistrationFilterSet,
    ("org",),
    tuple(REGISTRATION_FIELDS),
)
GROUP_FIELDS = [
    "name",
    "org",
    "base_unit",
    "owner_name",
    "owner_phone",
    "member_count",
    "created_on",
    "is_active",
]
GroupViewSet = _viewset(
    WeChatGroup,
    _serializer(WeChatGroup, GROUP_FIELDS, {"owner_phone": mask_phone}),
    filters.GroupFilterSet,
    ("org",),
    tuple(GROUP_FIELDS),
)
SMS_FIELDS = ["org", "operator", "sent_on", "sent", "subscribers", "content"]
SmsViewSet = _viewset(
    SmsCampaign, _serializer(SmsCampaign, SMS_FIELDS), filters.SmsFilterSet, ("org",), tuple(SMS_FIELDS)
)
PLEDGE_FIELDS = ["org", "kind", "recorded_on", "count", "target", "note"]
PledgeViewSet = _viewset(
    PledgeCount,
    _serializer(PledgeCount, PLEDGE_FIELDS),
    filters.PledgeFilterSet,
    ("org",),
    tuple(PLEDGE_FIELDS),
)
DUTY_FIELDS = ["org", "title", "detail", "year", "deadline", "responsible", "status", "report", "review_note"]
DutyViewSet = _viewset(
    Duty,
    _serializer(Duty, DUTY_FIELDS, read_only=("status", "report", "review_note")),
    filters.DutyFilterSet,
    ("org",),
    tuple(DUTY_FIELDS),
)


class VisitSerializer(LedgerSerializer):
    masks = {"phone": mask_phone}
    village = serializers.SlugRelatedField(source="household.village", slug_field="code", read_only=True)
    address = serializers.CharField(source="household.address", read_only=True)
    phone = serializers.CharField(source="household.phone", read_only=True)

    class Meta:
        model = HouseholdVisit
        fields = [
            "id",
            "household",
            "village",
            "address",
            "phone",
            "visited_on",
            "visitor",
            "people_reached",
            "face_to_face",
            "card_issued",
            "card_recipient",
            "pledge_signed",
            "app_installed",
            "note",
        ]

    def validate_household(self, household):
        if not covers(self.context["request"].user, household.village):
            raise serializers.ValidationError("不在您的管辖范围内")
        return household


class VisitViewSet(LedgerViewSet):
    """入户走访. POST with a `household` id; households come in with the visits import or the form."""

    queryset = HouseholdVisit.objects.all()
    serializer_class = VisitSerializer
    filterset_class = filters.VisitFilterSet
    select_related = ("household", "household__village")

    def perform_create(self, serializer):
        serializer.instance = save_visit(self.request.user, HouseholdVisit(**serializer.validated_data))

    def perform_update(self, serializer):
        visit = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(visit, name, value)
        serializer.instance = save_visit(self.request.user, visit)
