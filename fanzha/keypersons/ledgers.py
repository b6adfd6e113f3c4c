from fanzha.core.masking import mask_id_number, mask_phone
from fanzha.keypersons import filters, forms
from fanzha.keypersons.models import Den, KeyPerson
from fanzha.ledger.pages import Column, Ledger, day

KEY_PERSONS = Ledger(
    name="persons",
    title="重点人员",
    model=KeyPerson,
    columns=[
        Column("姓名", "name"),
        Column("身份证号", "id_number", mask=mask_id_number),
        Column("联系电话", "phone", mask=mask_phone, narrow=False),
        Column("类别", "get_category_display"),
        Column("居住类型", "get_residence_display", narrow=False),
        Column("居住村/社区", "village.display_name"),
        Column("工作单位", lambda p: p.employer.name if p.employer_id else "", narrow=False),
        Column("管控状态", "get_status_display"),
        Column("责任人", "officer", narrow=False),
        Column("承诺书", "pledge_signed", narrow=False),
        Column("列管日期", day("registered_on")),
    ],
    filterset=filters.KeyPersonFilterSet,
    view_perm="keypersons.view_keyperson",
    add_perm="keypersons.add_keyperson",
    form_class=forms.KeyPersonForm,
    pii_perm="cases.view_pii",
    select_related=("village__parent", "employer"),
    extra_actions=[("导入", "imports:upload?kind=keypersons")],
    note="仅派出所民警和县中心可见。涉诈前科、滞留缅北、拦截、两卡人员计入无诈村(社区)标准3和无诈单位标准2。",
)

DENS = Ledger(
    name="dens",
    title="窝点",
    model=Den,
    columns=[
        Column("查获日期", day("found_on")),
        Column("村/社区", "village.display_name"),
        Column("地点", "address"),
        Column("情况", "description", narrow=False),
    ],
    filterset=filters.DenFilterSet,
    view_perm="keypersons.view_den",
    add_perm="keypersons.add_den",
    form_class=forms.DenForm,
    select_related=("village__parent",),
    note="当年查获窝点的村(社区)不符合无诈村(社区)标准4。",
)

LEDGERS = [KEY_PERSONS, DENS]
