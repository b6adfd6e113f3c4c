"""A case ledger file for tests: the usual header and one row with every field filled."""

from fanzha.imports.tests.files import write_csv, write_xlsx

__all__ = ["HEADER", "row", "write_csv", "write_xlsx"]

HEADER = [
    "案件编号",
    "报案时间",
    "发案地",
    "诈骗类型",
    "损失金额",
    "受害人姓名",
    "身份证号",
    "联系电话",
    "嫌疑人电话",
    "简要案情",
]


def row(
    number="A001",
    reported="2024-03-05 14:20",
    place="361123100200",
    fraud="刷单返利",
    loss="12,345.60元",
    name="张三",
    id_number="11010519491231002X",
    phone="13800138000",
    suspects="",
    narrative="受害人被骗。",
):
    return [number, reported, place, fraud, loss, name, id_number, phone, suspects, narrative]
