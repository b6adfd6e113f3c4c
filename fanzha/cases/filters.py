"""Case filters, shared by the list page, the export and the API (NetBox habit)."""

from datetime import datetime, time, timedelta
from functools import reduce
from operator import or_

import django_filters as filters
from django.db.models import Q

from fanzha.cases import rules
from fanzha.cases.choices import CaseStatus, Channel, Grade, IdentifierKind, Stage, VictimGroup
from fanzha.cases.identifiers import search_forms
from fanzha.cases.models import Case, FraudType, SuspectIdentifier
from fanzha.core.filtering import DayFilter, PeriodFilter, StrictFilterSet, YearFilter
from fanzha.core.money import MoneyError, parse_money
from fanzha.core.periods import BEIJING, Period
from fanzha.orgs.choices import PLACE_KINDS, TOWN_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.parameters import config


def _orgs(request, *kinds):
    if request is None:
        return OrgUnit.objects.filter(kind__in=kinds)
    return OrgUnit.objects.visible_to(request.user).filter(kind__in=kinds)


class CaseFilterSet(StrictFilterSet):
    q = filters.CharFilter(
        method="search",
        label="搜索",
        help_text="案件编号、受害人姓名、案事件编号；有查看个人信息权限的，也可用完整的身份证号或电话",
    )
    station = filters.ModelChoiceFilter(queryset=lambda r: _orgs(r, OrgKind.STATION), label="派出所")
    town = filters.ModelChoiceFilter(queryset=lambda r: _orgs(r, *TOWN_KINDS), label="乡镇/街道")
    place = filters.ModelChoiceFilter(queryset=lambda r: _orgs(r, *PLACE_KINDS), label="村/社区")
    fraud_type = filters.ModelChoiceFilter(queryset=FraudType.objects.all(), label="诈骗类型")
    fraud_type_name = filters.CharFilter(field_name="fraud_type__name", label="诈骗类型名称")
    month = PeriodFilter(
        method="in_period", label="月份", help_text="如 2024-03；也可写 2024Q1、2024H1、2024"
    )
    year = YearFilter(method="in_year", label="年度")
    reported_from = DayFilter(method="reported_since", label="报案日期从")
    reported_to = DayFilter(method="reported_until", label="报案日期至")
    loss_min = filters.CharFilter(method="loss_at_least", label="损失金额不低于（元）")
    loss_max = filters.CharFilter(method="loss_at_most", label="损失金额不高于（元）")
    victim_group = filters.ChoiceFilter(choices=VictimGroup.choices, label="人群类别", empty_label="全部")
    channel = filters.ChoiceFilter(choices=Channel.choices, label="诈骗渠道", empty_label="全部")
    status = filters.ChoiceFilter(choices=CaseStatus.choices, label="案件状态", empty_label="全部")
    grade = filters.ChoiceFilter(choices=Grade.choices, label="等级", empty_label="全部")
    stage = filters.ChoiceFilter(
        choices=[*Stage.choices, ("open", "未查有结果")],
        method="in_stage",
        label="查处阶段",
        empty_label="全部",
        help_text="未查＝受理；在查＝立案；查有结果＝破案或撤案",
    )
    employer = filters.ModelChoiceFilter(queryset=lambda r: _orgs(r, OrgKind.MEMBER_UNIT), label="工作单位")
    identifier = filters.CharFilter(
        method="by_identifier",
        label="嫌疑人标识",
        help_text="嫌疑人电话、网址、社交账号（有查看个人信息权限的，也可用账户），怎么写都可以",
    )
    narrative = filters.CharFilter(field_name="narrative", lookup_expr="icontains", label="案情关键词")
    counted = filters.BooleanFilter(
        method="only_counted",
        label="只看计入发案数的",
        help_text="不含规则参数中不计入发案数的案件状态（默认撤案）；排名、统计和通报中的发案数即这些案件",
        widget=filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_units_lightly(self.form.fields.values())  # the form is styled by StrictFilterSet

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # every branch can use an index: prefix matches and exact matches only
        match = (
            Q(case_number__startswith=value.upper())
            | Q(victim_name__startswith=value)
            | Q(external_number=value)
        )
        # matching a full ID number or phone would tell whoever typed it that the person is a victim:
        # only those who may see personal data search by it
        user = getattr(self.request, "user", None)
        if user is not None and user.has_perm("cases.view_pii"):
            match |= Q(victim_id_number=value.upper()) | Q(victim_phone=value)
        return queryset.filter(match)

    def by_identifier(self, queryset, name, value):
        """The cases holding the identifier as the ledgers store it (+86 139-0000-0000 finds
        13900000000). Suspect accounts are masked for users without `cases.view_pii`, so only they
        search by one."""
        forms = search_forms(value)
        user = getattr(self.request, "user", None)
        if user is None or not user.has_perm("cases.view_pii"):
            forms = {(kind, v) for kind, v in forms if kind != IdentifierKind.ACCOUNT}
        if not forms:
            return queryset.none()
        held = reduce(or_, (Q(kind=kind, value=v) for kind, v in forms))
        return queryset.filter(pk__in=SuspectIdentifier.objects.filter(held).values("case_id"))

    def in_stage(self, queryset, name, value):
        if value == "open":
            return queryset.exclude(status__in=rules.stage_statuses(Stage.RESULT))
        return queryset.filter(status__in=rules.stage_statuses(value)) if value else queryset

    def only_counted(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.exclude(status__in=list(config.current()["indicators.excluded_statuses"]))

    def in_period(self, queryset, name, period):
        return queryset.filter(reported_at__gte=period.start, reported_at__lt=period.end)

    def in_year(self, queryset, name, value):
        period = Period(value, 1, 12)
        return queryset.filter(reported_at__gte=period.start, reported_at__lt=period.end)

    def reported_since(self, queryset, name, value):
        return queryset.filter(reported_at__gte=datetime.combine(value, time.min, tzinfo=BEIJING))

    def reported_until(self, queryset, name, value):
        return queryset.filter(
            reported_at__lt=datetime.combine(value + timedelta(days=1), time.min, tzinfo=BEIJING)
        )

    def _fen(self, value):
        try:
            return parse_money(value)
        except MoneyError:
            return None

    def loss_at_least(self, queryset, name, value):
        fen = self._fen(value)
        return queryset if fen is None else queryset.filter(loss_fen__gte=fen)

    def loss_at_most(self, queryset, name, value):
        fen = self._fen(value)
        return queryset if fen is None else queryset.filter(loss_fen__lte=fen)
