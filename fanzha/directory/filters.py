import django_filters as filters

from fanzha.directory.models import GroupRole, LeadershipMember, Liaison, LiaisonRole
from fanzha.ledger.pages import LedgerFilterSet


class LiaisonFilterSet(LedgerFilterSet):
    role = filters.ChoiceFilter(choices=LiaisonRole.choices, label="类别", empty_label="全部")
    name = filters.CharFilter(lookup_expr="startswith", label="姓名开头")

    class Meta:
        model = Liaison
        fields: list[str] = []


class LeadershipFilterSet(LedgerFilterSet):
    role = filters.ChoiceFilter(choices=GroupRole.choices, label="小组职务", empty_label="全部")

    class Meta:
        model = LeadershipMember
        fields: list[str] = []
