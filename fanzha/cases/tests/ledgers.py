"""Writing real ledger files for tests: CSV (UTF-8 or GBK) and XLSX made with openpyxl."""

import csv
from pathlib import Path

from openpyxl import Workbook

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


def write_csv(path: Path, header, rows, encoding="utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows, title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path
