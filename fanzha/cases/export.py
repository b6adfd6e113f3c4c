"""Exporting the (filtered) case list as Excel or CSV, masked unless the user may and asks to
see personal data in clear; every export is written to the access log either way."""

from fanzha.cases.pii import MASKS
from fanzha.core import export
from fanzha.core.xlsx import Money

COLUMNS = [
    ("案件编号", lambda c: c.case_number),
    ("报案时间", lambda c: c.reported_at),
    ("发案时间", lambda c: c.occurred_at),
    ("乡镇/街道", lambda c: c.town.name if c.town_id else ""),
    ("发案地", lambda c: c.place.display_name),
    ("派出所", lambda c: c.station.name),
    ("诈骗类型", lambda c: c.fraud_type.name),
    ("损失金额", lambda c: Money(c.loss_fen)),
    ("挽损金额", lambda c: Money(c.recovered_fen)),
    ("诈骗渠道", lambda c: c.get_channel_display()),
    ("受害人姓名", lambda c: c.victim_name),
    ("身份证号", "victim_id_number"),
    ("联系电话", "victim_phone"),
    ("性别", lambda c: c.get_victim_sex_display()),
    ("年龄", lambda c: c.victim_age),
    ("人群类别", lambda c: c.get_victim_group_display()),
    ("工作单位", lambda c: c.employer.name if c.employer_id else ""),
    ("与单位关系", lambda c: c.get_employer_relation_display()),
    ("简要案情", lambda c: c.narrative),
    ("案件状态", lambda c: c.get_status_display()),
    ("是否接受过宣传", lambda c: c.get_prior_outreach_display()),
    ("案事件编号", lambda c: c.external_number),
]


def rows(queryset, clear: bool):
    yield [title for title, _ in COLUMNS]
    for case in queryset.select_related(
        "place__parent", "town", "station", "fraud_type", "employer"
    ).iterator(chunk_size=2000):
        row = []
        for _, getter in COLUMNS:
            if isinstance(getter, str):
                value = getattr(case, getter)
                row.append(value if clear else MASKS[getter](value))
            else:
                row.append(getter(case))
        yield row


def csv_response(queryset, clear: bool, filename: str):
    return export.csv_response(rows(queryset, clear), filename)


def xlsx_response(queryset, clear: bool, filename: str):
    return export.xlsx_response(rows(queryset, clear), filename, "案件台账")
