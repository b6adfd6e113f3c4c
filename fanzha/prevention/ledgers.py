"""The outreach ledgers as lists, exports and entry forms (see fanzha/ledger/pages.py)."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from fanzha.core.masking import mask_phone
from fanzha.ledger.pages import Column, Ledger, day
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import Population
from fanzha.parameters import config
from fanzha.prevention import filters, forms, groups, rules
from fanzha.prevention.models import (
    Activity,
    Duty,
    HouseholdVisit,
    Package,
    PledgeCount,
    PublicityTeam,
    Registration,
    SmsCampaign,
    TeamMember,
    WeChatGroup,
)


def _sms_meets(sms):

    return (
        "达标"
        if rules.sms_meets(sms.sent, sms.subscribers, config.current()["sms.coverage_pct"])
        else "未达标"
    )


def _group_state(group):

    days = config.current()["groups.stale_days"]
    stale = group.is_active and rules.group_is_stale(
        group.last_push, group.created_on, timezone.localdate(), days
    )
    return f"超过{days}天未推送" if stale else "正常"


ACTIVITIES = Ledger(
    name="activities",
    title="宣防活动",
    model=Activity,
    columns=[
        Column("日期", day("held_on")),
        Column("活动类型", "kind.name"),
        Column("组织单位", "org.display_name"),
        Column("地点", "place", narrow=False),
        Column("对象", "audience_kind", narrow=False),
        Column("受众人数", "audience_count"),
        Column("发放资料", "materials_count", narrow=False),
        Column("数量", "quantity", narrow=False),
        Column("佐证", lambda a: f"{a.evidence}个文件" if a.evidence else "", narrow=False),
    ],
    filterset=filters.ActivityFilterSet,
    view_perm="prevention.view_activity",
    add_perm="prevention.add_activity",
    form_class=forms.ActivityForm,
    detail=True,
    select_related=("kind", "org__parent"),
    queryset=lambda user: (
        Activity.objects.visible_to(user).annotate(evidence=Count("attachments")).order_by("-held_on", "-id")
    ),
    extra_actions=[("导入", "imports:upload?kind=activities")],
)

VISITS = Ledger(
    name="visits",
    title="入户走访",
    model=HouseholdVisit,
    columns=[
        Column("走访日期", day("visited_on")),
        Column("村/社区", "village.display_name"),
        Column("住址", "household.address"),
        Column("户主", "household.head_name", narrow=False),
        Column("联系电话", "household.phone", mask=mask_phone, narrow=False),
        Column("走访人", "visitor"),
        Column("当面讲解", "face_to_face"),
        Column("防骗卡", "card_issued", narrow=False),
        Column("领卡人", "card_recipient", narrow=False),
        Column("承诺书", "pledge_signed", narrow=False),
        Column("安装App", "app_installed", narrow=False),
    ],
    filterset=filters.VisitFilterSet,
    view_perm="prevention.view_householdvisit",
    add_perm="prevention.add_householdvisit",
    form_class=forms.VisitForm,
    form_template="prevention/visit_form.html",
    detail=True,
    pii_perm="cases.view_pii",
    select_related=("village__parent", "household"),
    note="002：不能仅见面发放宣传品，须当面讲解；每户每年首次走访计入覆盖率。",
    extra_actions=[("导入登记表", "imports:upload?kind=visits"), ("覆盖率", "prevention:coverage")],
)

REGISTRATIONS = Ledger(
    name="registrations",
    title="App注册",
    model=Registration,
    columns=[
        Column("截至日期", day("as_of")),
        Column("单位", "org.display_name"),
        Column("工具", "get_tool_display"),
        Column("累计注册数", "count"),
        Column("来源", "source", narrow=False),
    ],
    filterset=filters.RegistrationFilterSet,
    view_perm="prevention.view_registration",
    add_perm="prevention.add_registration",
    form_class=forms.RegistrationForm,
    select_related=("org__parent",),
    note="按平台提供的累计注册数登记；注册率 = 最近一次累计注册数 ÷ 当年人口。",
    extra_actions=[("导入", "imports:upload?kind=registrations")],
)

PLEDGES = Ledger(
    name="pledges",
    title="回执承诺书",
    model=PledgeCount,
    columns=[
        Column("统计日期", day("recorded_on")),
        Column("单位", "org.display_name"),
        Column("类型", "get_kind_display"),
        Column("累计份数", "count"),
        Column("应签人数", lambda p: p.target or p.population or ""),
        Column("完成率%", lambda p: rules.percent(p.count, p.target or p.population) or ""),
    ],
    filterset=filters.PledgeFilterSet,
    view_perm="prevention.view_pledgecount",
    add_perm="prevention.add_pledgecount",
    form_class=forms.PledgeForm,
    select_related=("org__parent",),
    queryset=lambda user: PledgeCount.objects.visible_to(user).annotate(
        population=Subquery(
            Population.objects.filter(org=OuterRef("org"), year=ExtractYear(OuterRef("recorded_on"))).values(
                "population"
            )[:1]
        )
    ),
    note="应签人数未填写的，按该单位当年人口计算完成率。",
)

GROUPS = Ledger(
    name="groups",
    title="反诈微信群",
    model=WeChatGroup,
    columns=[
        Column("群名称", "name"),
        Column("所属单位", "org.display_name"),
        Column("基本单元", "get_base_unit_display", narrow=False),
        Column("负责人", "owner_name"),
        Column("负责人电话", "owner_phone", mask=mask_phone, narrow=False),
        Column("成员数", "member_count", narrow=False),
        Column("最近推送", lambda g: g.last_push.strftime("%Y-%m-%d") if g.last_push else "从未推送"),
        Column("状态", _group_state),
    ],
    filterset=filters.GroupFilterSet,
    view_perm="prevention.view_wechatgroup",
    add_perm="prevention.add_wechatgroup",
    form_class=forms.GroupForm,
    pii_perm="cases.view_pii",
    select_related=("org__parent",),
    detail_url=lambda g: reverse("prevention:group", args=[g.pk]),
    queryset=lambda user: groups.with_last_push(WeChatGroup.objects.visible_to(user)),
    note="002：每个反诈微信群须明确一名宣传工作具体负责人，予以登记建档；每周至少推送一次。",
)

SMS = Ledger(
    name="sms",
    title="防骗短信",
    model=SmsCampaign,
    columns=[
        Column("发送日期", day("sent_on")),
        Column("运营商", "get_operator_display"),
        Column("发送条数", "sent"),
        Column("系统用户总量", "subscribers"),
        Column("覆盖率%", "coverage"),
        Column("不低于90%", _sms_meets),
    ],
    filterset=filters.SmsFilterSet,
    view_perm="prevention.view_smscampaign",
    add_perm="prevention.add_smscampaign",
    form_class=forms.SmsForm,
    select_related=("org__parent",),
)

DUTIES = Ledger(
    name="duties",
    title="成员单位任务",
    model=Duty,
    columns=[
        Column("任务", "title"),
        Column("责任单位", "org.display_name"),
        Column("完成时限", day("deadline")),
        Column("责任人", "responsible", narrow=False),
        Column("状态", "get_status_display"),
        Column("逾期", lambda d: "已逾期" if d.is_overdue(timezone.localdate()) else ""),
    ],
    filterset=filters.DutyFilterSet,
    view_perm="prevention.view_duty",
    add_perm="prevention.add_duty",
    form_class=forms.DutyForm,
    select_related=("org__parent",),
    detail_url=lambda d: reverse("prevention:duty", args=[d.pk]),
    post_actions=[("按任务模板分配本年度任务", "prevention:assign-duties", "prevention.review_duty")],
    note="任务模板按行业收录各方案对成员单位的分工要求（见后台“任务模板”），县中心可增删修改后分配。",
)

PACKAGES = Ledger(
    name="packages",
    title="三包责任",
    model=Package,
    columns=[
        Column("类型", "get_kind_display"),
        Column("包保对象", "target"),
        Column("所属单位", "org.display_name"),
        Column("包保干部", "staff"),
        Column("包保民警", "officer"),
        Column("确定依据", "basis", narrow=False),
        Column("开始日期", day("starts_on"), narrow=False),
    ],
    filterset=filters.PackageFilterSet,
    view_perm="prevention.view_package",
    add_perm="prevention.add_package",
    form_class=forms.PackageForm,
    select_related=("org__parent",),
    note="004：包村居、包小区、包企业，选派一名工作人员与公安民警一起包保；按发案数量、损失金额、易受骗群体确定包保范围。",
)


def _team_quota(team):
    if team.org.kind != OrgKind.STATION:
        return ""
    minimum = config.current()["quota.station_team_members"]
    return "达标" if rules.team_meets(team.members, minimum) else f"不足{minimum}人"


TEAMS = Ledger(
    name="teams",
    title="反诈宣传队",
    model=PublicityTeam,
    columns=[
        Column("名称", "name"),
        Column("单位", "org.display_name"),
        Column("人数", "members"),
        Column("名册人数", "listed", narrow=False),
        Column("负责人", "leader", narrow=False),
        Column("组建日期", day("formed_on"), narrow=False),
        Column("派出所主力宣传队", _team_quota),
    ],
    filterset=filters.TeamFilterSet,
    view_perm="prevention.view_publicityteam",
    add_perm="prevention.add_publicityteam",
    form_class=forms.TeamForm,
    select_related=("org__parent",),
    queryset=lambda user: (
        PublicityTeam.objects.visible_to(user)
        .annotate(listed=Count("roster", filter=Q(roster__is_active=True)))
        .order_by("org__path", "name")
    ),
    extra_actions=[
        ("队员名册", "prevention:team-members"),
        ("导入队员名册", "imports:upload?kind=team_members"),
    ],
    note="000：「派出所要組建不少于10人的主力反詐宣傳隊」。登记了队员名册的宣传队，人数按名册中在队的队员计算，计入覆盖率页的配额。",
)

TEAM_MEMBERS = Ledger(
    name="team-members",
    title="反诈宣传队队员",
    model=TeamMember,
    columns=[
        Column("宣传队", "team.name"),
        Column("单位", "team.org.display_name"),
        Column("姓名", "name"),
        Column("队内职务", "get_duty_display"),
        Column("身份", "position", narrow=False),
        Column("联系电话", "phone", mask=mask_phone),
        Column("在队", "is_active", narrow=False),
    ],
    filterset=filters.TeamMemberFilterSet,
    view_perm="prevention.view_teammember",
    add_perm="prevention.add_teammember",
    form_class=forms.TeamMemberForm,
    pii_perm="cases.view_pii",
    select_related=("team__org__parent",),
    extra_actions=[("导入", "imports:upload?kind=team_members"), ("宣传队", "prevention:teams")],
)

LEDGERS = [ACTIVITIES, VISITS, REGISTRATIONS, PLEDGES, GROUPS, SMS, DUTIES, PACKAGES, TEAMS, TEAM_MEMBERS]
