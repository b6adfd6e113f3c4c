"""Exporting the (filtered) case list as Excel or CSV, masked unless the user may and asks to
see personal data in clear; every export is written to the access log either way.

The rows are read as plain values (no Case objects): names of units and fraud types and the labels
of choices are looked up in dicts read once, so 100,000 cases export in a few seconds (bench/exports.py).
Times and amounts stay typed (a datetime, `Money`): Excel gets dates and numbers."""

from fanzha.cases.models import Case, FraudType
from fanzha.cases.pii import MASKS
from fanzha.core import export
from fanzha.core.xlsx import Money
from fanzha.orgs.models import OrgUnit

# (title, case field, how the stored value is shown: "unit", "type", "choice", "money", a mask, None)
COLUMNS = [
    ("案件编号", "case_number", None),
    ("报案时间", "reported_at", None),
    ("发案时间", "occurred_at", None),
    ("乡镇/街道", "town_id", "unit"),
    ("发案地", "place_id", "unit"),
    ("派出所", "station_id", "unit"),
    ("诈骗类型", "fraud_type_id", "type"),
    ("损失金额", "loss_fen", "money"),
    ("挽损金额", "recovered_fen", "money"),
    ("诈骗渠道", "channel", "choice"),
    ("受害人姓名", "victim_name", None),
    ("身份证号", "victim_id_number", "pii"),
    ("联系电话", "victim_phone", "pii"),
    ("性别", "victim_sex", "choice"),
    ("年龄", "victim_age", None),
    ("人群类别", "victim_group", "choice"),
    ("工作单位", "employer_id", "unit"),
    ("与单位关系", "employer_relation", "choice"),
    ("简要案情", "narrative", None),
    ("案件状态", "status", "choice"),
    ("是否接受过宣传", "prior_outreach", "choice"),
    ("案事件编号", "external_number", None),
]


def _shows(clear: bool) -> list:
    """One function per column: stored value → cell."""
    units = OrgUnit.display_names()
    types = dict(FraudType.objects.values_list("id", "name"))
    shows = []
    for _, field, how in COLUMNS:
        if how == "unit":
            shows.append(lambda value, names=units: names.get(value, "") if value is not None else "")
        elif how == "type":
            shows.append(lambda value, names=types: names.get(value, ""))
        elif how == "money":
            shows.append(Money)
        elif how == "choice":
            labels = {k: str(v) for k, v in Case._meta.get_field(field).flatchoices}
            shows.append(lambda value, labels=labels: labels.get(value, value))
        elif how == "pii" and not clear:
            shows.append(MASKS[field])
        else:
            shows.append(None)
    return shows


def rows(queryset, clear: bool):
    yield [title for title, _, _ in COLUMNS]
    shows = list(enumerate(_shows(clear)))
    for values in queryset.values_list(*(field for _, field, _ in COLUMNS)).iterator(chunk_size=2000):
        row = list(values)
        for index, show in shows:
            if show is not None:
                row[index] = show(row[index])
        yield row


def csv_response(queryset, clear: bool, filename: str):
    return export.csv_response(rows(queryset, clear), filename)


def xlsx_response(queryset, clear: bool, filename: str):
    return export.xlsx_response(rows(queryset, clear), filename, "案件台账")
