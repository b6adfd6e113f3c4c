"""通讯录: the member units' and stations' 联络员 and the leading group (领导小组) with its office.

The station publicity teams (反诈宣传队) and their members stay in prevention, beside the quota check
that counts them (docs/directory.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.scope import scoped_manager

#: the units that must name one or two 专职联络员 (000 「要明確一至兩名專職聯絡員」)
LIAISON_KINDS = (OrgKind.MEMBER_UNIT, OrgKind.STATION)


class LiaisonRole(models.TextChoices):
    PRIMARY = "primary", "专职联络员"
    DEPUTY = "deputy", "备岗联络员"


class Liaison(models.Model):
    """联络员: a member unit's or station's named contact for the centre."""

    org = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="单位",
        on_delete=models.PROTECT,
        related_name="liaisons",
        limit_choices_to={"kind__in": LIAISON_KINDS},
    )
    name = models.CharField("姓名", max_length=50)
    role = models.CharField("类别", max_length=10, choices=LiaisonRole.choices, default=LiaisonRole.PRIMARY)
    position = models.CharField("职务", max_length=50, blank=True)
    phone = models.CharField("手机号码", max_length=20)
    office_phone = models.CharField("办公电话", max_length=20, blank=True)
    appointed_on = models.DateField("明确日期", null=True, blank=True)
    is_active = models.BooleanField("在岗", default=True)
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("录入时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager("org")
    PERSONAL_DATA = {"phone": masking.mask_phone, "office_phone": masking.mask_phone}

    class Meta:
        verbose_name = "联络员"
        verbose_name_plural = "联络员"
        ordering = ["org__path", "role", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="liaison_unique_per_unit")]

    def __str__(self):
        return f"{self.org.name} {self.get_role_display()} {self.name}"


class GroupRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY_LEADER = "deputy_leader", "副组长"
    MEMBER = "member", "成员"
    OFFICE_DIRECTOR = "office_director", "办公室主任"
    OFFICE_DEPUTY = "office_deputy", "办公室副主任"
    OFFICE_STAFF = "office_staff", "办公室工作人员"


def by_rank(queryset):
    """Members 组长 first, then 副组长, 成员 and the office, group by group."""
    rank = models.Case(
        *(models.When(role=value, then=models.Value(i)) for i, value in enumerate(GroupRole.values)),
        output_field=models.IntegerField(),
    )
    return queryset.annotate(rank=rank).order_by("org__path", "rank", "name")


OFFICE_ROLES = (GroupRole.OFFICE_DIRECTOR, GroupRole.OFFICE_DEPUTY, GroupRole.OFFICE_STAFF)


class LeadershipMember(models.Model):
    """领导小组 (组长/副组长/成员) and its 办公室 (主任, staff), of the county's or a town's group."""

    org = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="领导小组所属",
        on_delete=models.PROTECT,
        related_name="leadership",
        limit_choices_to={"kind__in": [OrgKind.COUNTY, OrgKind.TOWN, OrgKind.STREET]},
        help_text="县领导小组选县/区，镇（街道）领导小组选该镇（街道）",
    )
    role = models.CharField("小组职务", max_length=20, choices=GroupRole.choices)
    name = models.CharField("姓名", max_length=50)
    unit_name = models.CharField("所在单位", max_length=100)
    position = models.CharField("单位职务", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    is_active = models.BooleanField("在任", default=True)
    created_at = models.DateTimeField("录入时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager("org")
    PERSONAL_DATA = {"phone": masking.mask_phone}

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组成员"
        ordering = ["org__path", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org", "role", "name"], name="leadership_unique_per_group")
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.name}（{self.unit_name}）"

    @property
    def in_office(self) -> bool:
        return self.role in OFFICE_ROLES
