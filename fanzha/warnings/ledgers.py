from django.urls import reverse

from fanzha.core import clock
from fanzha.core.masking import mask_id_number, mask_phone
from fanzha.ledger.pages import Column, Ledger, day, moment
from fanzha.warnings import filters
from fanzha.warnings.models import AccountabilityReview, FollowUp, VerificationOrder

_visit_day = day("visit.visited_on")


def _timing(order):
    if order.is_overdue(clock.now()):
        return "超时未联系" + ("（已升级派出所）" if order.escalated_at else "")
    if order.contacted_at and order.contacted_at > order.deadline:
        return "超时后联系"
    return ""


ORDERS = Ledger(
    name="orders",
    title="核查指令",
    model=VerificationOrder,
    columns=[
        Column("预警编号", "warning.external_id"),
        Column("预警时间", moment("warning.received_at")),
        Column("等级", "warning.get_level_display"),
        Column("风险类型", "warning.risk_type", narrow=False),
        Column("电话", "warning.phone", mask=mask_phone),
        Column("姓名", "warning.name", narrow=False),
        Column("身份证号", "warning.id_number", mask=mask_id_number, narrow=False),
        Column("责任单位", "assigned_to.display_name"),
        Column("派出所", lambda o: o.station.name if o.station_id else "", narrow=False),
        Column("联系时限", moment("deadline")),
        Column("状态", "get_status_display"),
        Column("结果", "get_outcome_display"),
        Column("时效", _timing),
    ],
    filterset=filters.OrderFilterSet,
    view_perm="warnings.view_verificationorder",
    pii_perm="cases.view_pii",
    select_related=("warning", "assigned_to__parent", "station"),
    detail_url=lambda o: reverse("warnings:order", args=[o.pk]),
    extra_actions=[
        ("我的待办（手机版）", "warnings:mine"),
        ("统计", "warnings:stats"),
        ("导入预警", "imports:upload?kind=warnings"),
    ],
    note="预警按住户、重点人员、案件台账中的电话分派到村(社区)；未匹配的进入派出所待分派队列。首次联系时限按风险等级（规则参数可调）。",
)

FOLLOW_UPS = Ledger(
    name="followups",
    title="回访",
    model=FollowUp,
    columns=[
        Column("案件编号", "case.case_number"),
        Column("抽查期间", "period"),
        Column("发案地", "case.place.display_name"),
        Column("受害人", "case.victim_name", narrow=False),
        Column("联系电话", "case.victim_phone", mask=mask_phone, narrow=False),
        Column(
            "入户记录",
            lambda f: _visit_day(f) or "无",
            narrow=False,
        ),
        Column("是否接受过宣传", "get_received_display"),
        Column("回访时间", moment("done_at")),
    ],
    filterset=filters.FollowUpFilterSet,
    view_perm="warnings.view_followup",
    pii_perm="cases.view_pii",
    select_related=("case", "case__place__parent", "visit"),
    detail_url=lambda f: reverse("warnings:followup", args=[f.pk]),
    post_actions=[("抽取上月回访案件", "warnings:draw", "warnings.conduct_followup")],
    note="002：随机抽查回访报警当事人接受防骗宣传教育的具体情况；确未接受的，倒查责任。抽查比例见规则参数。",
)

REVIEWS = Ledger(
    name="reviews",
    title="一案双查倒查",
    model=AccountabilityReview,
    columns=[
        Column("案件编号", "follow_up.case.case_number"),
        Column("责任单位", "org.display_name"),
        Column("倒查依据", "get_basis_display"),
        Column("立项时间", moment("opened_at")),
        Column("处理结果", "get_outcome_display"),
        Column("处理意见", "note", narrow=False),
        Column("办结时间", moment("resolved_at")),
    ],
    filterset=filters.ReviewFilterSet,
    view_perm="warnings.view_accountabilityreview",
    select_related=("follow_up__case", "org__parent"),
    detail_url=lambda r: reverse("warnings:review", args=[r.pk]),
)

LEDGERS = [ORDERS, FOLLOW_UPS, REVIEWS]
