"""One account's statement written in the layouts banks and payment institutions deliver: the same five
transactions (two of them in the same second, listed out of order) in each."""

from pathlib import Path

import xlsxwriter

OWN = "6217000010001234567"
VICTIM = "6222020200112233445"
MULE = "6230580000012345678"
OTHER = "6222600260001234567"

# (date, time, direction, yuan, balance, counterparty, name, summary, serial, cash flag)
ROWS = [
    ("2024-03-05", "14:22:10", "in", "5000.00", "6000.00", VICTIM, "李四", "转账", "T001", "转"),
    ("2024-03-05", "14:31:00", "out", "3000.00", "3000.00", MULE, "王五", "网银转账", "T002", "转"),
    # the same second, the outflow listed first: the balance chain puts the inflow before it
    ("2024-03-05", "14:40:00", "out", "1500.00", "1700.00", MULE, "王五", "网银转账", "T004", "转"),
    ("2024-03-05", "14:40:00", "in", "200.00", "3200.00", OTHER, "赵六", "转账", "T003", "转"),
    ("2024-03-05", "15:00:00", "out", "1000.00", "700.00", "", "", "ATM取款", "T005", "现"),
]
EXPECTED = [
    # (at, direction, fen, balance fen, counterparty, seq, cash)
    ("2024-03-05 14:22:10", "in", 500_000, 600_000, VICTIM, 0, False),
    ("2024-03-05 14:31:00", "out", 300_000, 300_000, MULE, 0, False),
    ("2024-03-05 14:40:00", "in", 20_000, 320_000, OTHER, 0, False),
    ("2024-03-05 14:40:00", "out", 150_000, 170_000, MULE, 1, False),
    ("2024-03-05 15:00:00", "out", 100_000, 70_000, "", 0, True),
]


def _csv(rows: list[list[str]], separator: str = ",") -> str:
    return "\n".join(separator.join(row) for row in rows) + "\n"


def two_columns_with_flag() -> list[list[str]]:
    """交易日期 + 交易时间 in two columns (农行: yyyymmdd + HHMMSS), 借贷标志 借/贷."""
    header = [
        "查询卡号",
        "户名",
        "交易日期",
        "交易时间",
        "借贷标志",
        "交易金额",
        "余额",
        "对方账号",
        "对方户名",
        "摘要",
        "交易流水号",
        "现转标志",
    ]
    body = [
        [
            OWN,
            "张三",
            d.replace("-", ""),
            t.replace(":", ""),
            "借" if io == "out" else "贷",
            y,
            b,
            cp,
            n,
            s,
            sn,
            c,
        ]
        for d, t, io, y, b, cp, n, s, sn, c in ROWS
    ]
    return [header, *body]


def signed_amounts() -> list[list[str]]:
    """One 交易时间 column, signed 交易金额 (− for money out)."""
    header = [
        "本方账号",
        "交易时间",
        "交易金额",
        "交易后余额",
        "交易对手账号",
        "交易对手名称",
        "交易摘要",
        "流水号",
    ]
    body = [
        [OWN, f"{d} {t}", ("-" if io == "out" else "") + y, b, cp, n, s, sn]
        for d, t, io, y, b, cp, n, s, sn, _ in ROWS
    ]
    return [header, *body]


def income_and_expense() -> list[list[str]]:
    """收入 and 支出 in separate columns (借方发生额/贷方发生额), DB2 timestamps."""
    header = [
        "账号",
        "交易时间",
        "收入金额",
        "支出金额",
        "账户余额",
        "对方卡号",
        "对方名称",
        "附言",
        "交易号",
    ]
    body = []
    for d, t, io, y, b, cp, n, s, sn, _ in ROWS:
        stamp = f"{d}-{t.replace(':', '.')}.000000"
        body.append([OWN, stamp, y if io == "in" else "", y if io == "out" else "", b, cp, n, s, sn])
    return [header, *body]


def fen_amounts() -> list[list[str]]:
    """财付通-style: 交易金额(分), 收/支 as 收入/支出, 交易创建时间."""
    header = [
        "交易卡号",
        "交易创建时间",
        "借贷类型",
        "交易金额(分)",
        "账户余额(分)",
        "对方账户",
        "交易对方",
        "用途",
        "交易单号",
    ]
    body = [
        [
            OWN,
            f"{d} {t}",
            "支出" if io == "out" else "收入",
            str(int(float(y) * 100)),
            str(int(float(b) * 100)),
            cp,
            n,
            s,
            sn,
        ]
        for d, t, io, y, b, cp, n, s, sn, _ in ROWS
    ]
    return [header, *body]


def with_letterhead_and_totals() -> list[list[str]]:
    """A bank's printout: title and account in the letterhead (no account column), totals rows after."""
    header = [
        "交易日期",
        "交易时间",
        "收支标志",
        "发生额",
        "余额",
        "对方账号",
        "对方户名",
        "摘要",
        "柜员流水号",
        "现转",
    ]
    body = [
        [d, t, "支" if io == "out" else "收", y, b, cp, n, s, sn, c]
        for d, t, io, y, b, cp, n, s, sn, c in ROWS
    ]
    return [
        ["中国某某银行个人账户交易明细"],
        [f"查询账号：{OWN}", "户名：张三"],
        [],
        header,
        *body,
        ["合计", "", "", "10700.00"],
        ["支出笔数：3", "收入笔数：2"],
        ["以上信息仅供公安机关办案使用"],
    ]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", separator: str = ",") -> Path:
    path.write_text(_csv(rows, separator), encoding=encoding)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return path


def write_html(path: Path, rows: list[list[str]]) -> Path:
    cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in rows)
    path.write_text(
        f"<html><head><meta charset='utf-8'></head><body><table>{cells}</table></body></html>",
        encoding="utf-8",
    )
    return path


def all_layouts(folder: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, the own account to give at import, when the file has none)."""
    return {
        "两列日期时间+借贷标志（CSV）": (write_csv(folder / "a.csv", two_columns_with_flag()), ""),
        "带符号金额（xlsx）": (write_xlsx(folder / "b.xlsx", signed_amounts()), ""),
        "收入/支出两列（.csv 实为 TSV）": (
            write_csv(folder / "c.csv", income_and_expense(), separator="\t"),
            "",
        ),
        "金额单位为分（财付通）": (write_csv(folder / "d.csv", fen_amounts()), ""),
        "表头上方有标题、表尾有合计（xlsx）": (
            write_xlsx(folder / "e.xlsx", with_letterhead_and_totals()),
            OWN,
        ),
        "GB18030 编码的 CSV": (write_csv(folder / "f.csv", two_columns_with_flag(), encoding="gb18030"), ""),
        "网页表格存成 .xls": (write_html(folder / "g.xls", with_letterhead_and_totals()), ""),
    }
