import django_filters as filters

from fanzha.keypersons.models import Category, ControlStatus, Den, KeyPerson
from fanzha.ledger.pages import LedgerFilterSet


class KeyPersonFilterSet(LedgerFilterSet):
    org_path = "village__path"
    category = filters.ChoiceFilter(choices=Category.choices, label="类别")
    status = filters.ChoiceFilter(choices=ControlStatus.choices, label="管控状态")
    name = filters.CharFilter(lookup_expr="startswith", label="姓名开头")

    class Meta:
        model = KeyPerson
        fields: list[str] = []


class DenFilterSet(LedgerFilterSet):
    org_path = "village__path"
    date_field = "found_on"

    class Meta:
        model = Den
        fields: list[str] = []
