"""Writing real ledger files for tests: CSV (UTF-8 or GBK) and XLSX made with openpyxl."""

import csv
from pathlib import Path

from openpyxl import Workbook


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
