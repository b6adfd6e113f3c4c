"""The 004 百分制 scheme as shipped data: 40 + 50 + 10. Where 004 does not split points (Part A's
three components, the unstated 5 of Part C), the split here is a default the office edits in 后台管理
(a changed scheme is a new version)."""

SCHEME_004 = {
    "code": "004",
    "name": "反诈工作百分制考核",
    "source": "004：工作体系建设、电信网络诈骗案件发案同比、“断卡”行动三大部分",
    "parts": [
        {
            "code": "A",
            "name": "工作体系建设",
            "max_points": 40,
            "method": "items",
            "items": [
                ("A1", "建立反诈工作体系", 14, False, "004 未规定40分的分配，默认14分，可调整"),
                ("A2", "办事处反诈宣防工作", 13, False, "默认13分，可调整"),
                ("A3", "各单位反诈宣防工作", 13, False, "默认13分，可调整"),
            ],
        },
        {
            "code": "B",
            "name": "电信网络诈骗案件发案同比",
            "max_points": 50,
            "method": "case_trend",
            "items": [],
        },
        {
            "code": "C",
            "name": "“断卡”行动",
            "max_points": 10,
            "method": "items",
            "items": [
                ("C1", "将“断卡”行动纳入“六进”宣传", 2, True, "004：得2分，没有落实的不得分"),
                (
                    "C2",
                    "辖区未发生“两卡”突出问题",
                    3,
                    False,
                    "004：未发生的得3分；突出问题造成不良影响的不得分；发生但未造成不良影响的由考核人酌定",
                ),
                ("C3", "其他“断卡”工作", 5, False, "004 未列明其余5分的内容，由考核人评定"),
            ],
        },
    ],
}


def install(apps=None):
    """Create the scheme if it is not there (used by the data migration and the tests)."""
    if apps is None:
        from fanzha.assessment.models import Scheme, SchemeItem, SchemePart
    else:
        Scheme = apps.get_model("assessment", "Scheme")
        SchemePart = apps.get_model("assessment", "SchemePart")
        SchemeItem = apps.get_model("assessment", "SchemeItem")
    scheme, created = Scheme.objects.get_or_create(
        code=SCHEME_004["code"],
        version=1,
        defaults={"name": SCHEME_004["name"], "source": SCHEME_004["source"]},
    )
    if not created:
        return scheme
    for order, part in enumerate(SCHEME_004["parts"]):
        made = SchemePart.objects.create(
            scheme=scheme,
            code=part["code"],
            name=part["name"],
            max_points=part["max_points"],
            method=part["method"],
            order=order,
        )
        for index, (code, name, points, all_or_nothing, guidance) in enumerate(part["items"]):
            SchemeItem.objects.create(
                part=made,
                code=code,
                name=name,
                max_points=points,
                all_or_nothing=all_or_nothing,
                guidance=guidance,
                order=index,
            )
    return scheme
