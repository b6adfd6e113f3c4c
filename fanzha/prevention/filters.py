import django_filters as filters
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils import timezone

from fanzha.core.filtering import YearFilter
from fanzha.ledger.pages import LedgerFilterSet
from fanzha.prevention.duties import overdue
from fanzha.prevention.groups import stale_filter
from fanzha.prevention.models import (
    Activity,
    ActivityKind,
    Duty,
    HouseholdVisit,
    Package,
    PledgeCount,
    PublicityTeam,
    Registration,
    SmsCampaign,
    TeamMember,
    VisitedHousehold,
    WeChatGroup,
)
from fanzha.prevention.models.duties import DutyStatus
from fanzha.prevention.models.groups import BaseUnit
from fanzha.prevention.models.packages import PackageKind
from fanzha.prevention.models.pledges import PledgeKind
from fanzha.prevention.models.registrations import Tool
from fanzha.prevention.models.sms import Operator


class ActivityFilterSet(LedgerFilterSet):
    date_field = "held_on"
    kind = filters.ModelChoiceFilter(queryset=ActivityKind.objects.all(), label="活动类型")

    class Meta:
        model = Activity
        fields: list[str] = []


class VisitFilterSet(LedgerFilterSet):
    org_path = "village__path"
    date_field = "visited_on"
    visitor = filters.CharFilter(label="走访人")
    face_to_face = filters.BooleanFilter(label="当面讲解")
    address = filters.CharFilter(field_name="household__address", lookup_expr="startswith", label="住址开头")
    first_of_year = filters.BooleanFilter(
        method="only_first_of_year",
        label="只看每户当年首次走访",
        help_text="覆盖率按户计：每户每年只计首次走访",
        widget=filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = HouseholdVisit
        fields: list[str] = []

    def only_first_of_year(self, queryset, name, value):
        """The visits that made a household count as visited (coverage.py counts these): its first
        visit of the year; of two on that first day, the one entered first."""
        if not value:
            return queryset
        first = VisitedHousehold.objects.filter(
            household=OuterRef("household"),
            year=ExtractYear(OuterRef("visited_on")),
            first_visited_on=OuterRef("visited_on"),
        )
        earlier_same_day = HouseholdVisit.objects.filter(
            household=OuterRef("household"), visited_on=OuterRef("visited_on"), pk__lt=OuterRef("pk")
        )
        return queryset.filter(Exists(first)).exclude(Exists(earlier_same_day))


class RegistrationFilterSet(LedgerFilterSet):
    date_field = "as_of"
    tool = filters.ChoiceFilter(choices=Tool.choices, label="工具")

    class Meta:
        model = Registration
        fields: list[str] = []


class PledgeFilterSet(LedgerFilterSet):
    date_field = "recorded_on"
    kind = filters.ChoiceFilter(choices=PledgeKind.choices, label="类型")

    class Meta:
        model = PledgeCount
        fields: list[str] = []


class GroupFilterSet(LedgerFilterSet):
    base_unit = filters.ChoiceFilter(choices=BaseUnit.choices, label="基本单元")
    stale = filters.BooleanFilter(method="only_stale", label="超期未推送")

    class Meta:
        model = WeChatGroup
        fields: list[str] = []

    def only_stale(self, queryset, name, value):
        return stale_filter(queryset, value)


class PackageFilterSet(LedgerFilterSet):
    kind = filters.ChoiceFilter(choices=PackageKind.choices, label="类型")

    class Meta:
        model = Package
        fields: list[str] = []


class SmsFilterSet(LedgerFilterSet):
    date_field = "sent_on"
    operator = filters.ChoiceFilter(choices=Operator.choices, label="运营商")

    class Meta:
        model = SmsCampaign
        fields: list[str] = []


class DutyFilterSet(LedgerFilterSet):
    status = filters.ChoiceFilter(choices=DutyStatus.choices, label="状态")
    year = YearFilter(label="年度")
    overdue = filters.BooleanFilter(method="only_overdue", label="已逾期")

    class Meta:
        model = Duty
        fields: list[str] = []

    def only_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = overdue(queryset, timezone.localdate())
        return late if value else queryset.exclude(id__in=late.values("id"))


class TeamFilterSet(LedgerFilterSet):
    name = filters.CharFilter(lookup_expr="contains", label="名称包含")

    class Meta:
        model = PublicityTeam
        fields: list[str] = []


class TeamMemberFilterSet(LedgerFilterSet):
    org_path = "team__org__path"
    name = filters.CharFilter(lookup_expr="startswith", label="姓名开头")

    class Meta:
        model = TeamMember
        fields: list[str] = []
