"""The directory's lists, exports and entry forms (fanzha/ledger/pages.py): phones masked unless the
reader holds `cases.view_pii` and asks; every clear view or export is in the access log."""

from fanzha.core.masking import mask_phone
from fanzha.directory import filters, forms
from fanzha.directory.models import LeadershipMember, Liaison, by_rank
from fanzha.ledger.pages import Column, Ledger, day

LIAISONS = Ledger(
    name="liaisons",
    title="联络员",
    model=Liaison,
    columns=[
        Column("单位", "org.display_name"),
        Column("类别", "get_role_display"),
        Column("姓名", "name"),
        Column("职务", "position", narrow=False),
        Column("手机号码", "phone", mask=mask_phone),
        Column("办公电话", "office_phone", mask=mask_phone, narrow=False),
        Column("明确日期", day("appointed_on"), narrow=False),
        Column("在岗", "is_active", narrow=False),
        Column("备注", "note", narrow=False),
    ],
    filterset=filters.LiaisonFilterSet,
    view_perm="directory.view_liaison",
    add_perm="directory.add_liaison",
    form_class=forms.LiaisonForm,
    pii_perm="cases.view_pii",
    select_related=("org__parent",),
    extra_actions=[("导入", "imports:upload?kind=liaisons"), ("通讯录", "directory:overview")],
    note="000：成员单位、派出所「要明確一至兩名專職聯絡員」；备岗联络员不计入。",
)

LEADERSHIP = Ledger(
    name="leadership",
    title="领导小组及办公室",
    model=LeadershipMember,
    columns=[
        Column("领导小组", "org.display_name"),
        Column("小组职务", "get_role_display"),
        Column("姓名", "name"),
        Column("所在单位", "unit_name"),
        Column("单位职务", "position", narrow=False),
        Column("联系电话", "phone", mask=mask_phone),
        Column("在任", "is_active", narrow=False),
    ],
    filterset=filters.LeadershipFilterSet,
    view_perm="directory.view_leadershipmember",
    add_perm="directory.add_leadershipmember",
    form_class=forms.LeadershipForm,
    pii_perm="cases.view_pii",
    select_related=("org",),
    queryset=lambda user: by_rank(LeadershipMember.objects.visible_to(user)),
    extra_actions=[("导入", "imports:upload?kind=leadership"), ("通讯录", "directory:overview")],
    note="领导小组：组长、副组长、成员；领导小组办公室：主任、副主任、工作人员。",
)

LEDGERS = [LIAISONS, LEADERSHIP]
