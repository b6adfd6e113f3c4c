import django_filters as filters
from django.db.models import Q

from fanzha.core import clock
from fanzha.ledger.pages import LedgerFilterSet
from fanzha.warnings.models import (
    AccountabilityReview,
    FollowUp,
    OrderStatus,
    Outcome,
    RiskLevel,
    VerificationOrder,
)


class OrderFilterSet(LedgerFilterSet):
    org_path = "assigned_to__path"
    date_field = "warning__received_at"
    status = filters.ChoiceFilter(choices=OrderStatus.choices, label="状态")
    level = filters.ChoiceFilter(field_name="warning__level", choices=RiskLevel.choices, label="风险等级")
    outcome = filters.ChoiceFilter(choices=Outcome.choices, label="结果")
    overdue = filters.BooleanFilter(method="only_overdue", label="超时未联系")
    escalated = filters.BooleanFilter(
        field_name="escalated_at", lookup_expr="isnull", exclude=True, label="已升级"
    )

    class Meta:
        model = VerificationOrder
        fields: list[str] = []

    def only_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(contacted_at__isnull=True, deadline__lt=clock.now()) & ~Q(status=OrderStatus.DONE)
        return queryset.filter(late) if value else queryset.exclude(late)


class FollowUpFilterSet(LedgerFilterSet):
    org_path = "case__place__path"
    period_code = filters.CharFilter(field_name="period", label="抽查期间")
    done = filters.BooleanFilter(field_name="done_at", lookup_expr="isnull", exclude=True, label="已回访")

    class Meta:
        model = FollowUp
        fields: list[str] = []


class ReviewFilterSet(LedgerFilterSet):
    resolved = filters.BooleanFilter(
        field_name="resolved_at", lookup_expr="isnull", exclude=True, label="已办结"
    )

    class Meta:
        model = AccountabilityReview
        fields: list[str] = []
