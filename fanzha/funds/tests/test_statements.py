import pytest

from fanzha.core.periods import BEIJING
from fanzha.funds import statements
from fanzha.funds.tests import layouts


def projection(parsed) -> list[tuple]:
    return [
        (
            line.at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            line.direction,
            line.amount_fen,
            line.balance_fen,
            line.counterparty,
            line.seq,
            line.cash,
        )
        for line in parsed.lines
    ]


def test_seven_layouts_read_the_same(tmp_path, db):
    for name, (path, account) in layouts.all_layouts(tmp_path).items():
        parsed = statements.parse_statement(path, path.name, account)
        assert [str(e) for e in parsed.errors] == [], name
        assert projection(parsed) == layouts.EXPECTED, name
        assert {line.account for line in parsed.lines} == {layouts.OWN}, name
        assert not [n for n in parsed.notes if "接不上" in n], name


def test_letterhead_totals_and_sniffed_formats_are_noted(tmp_path, db):
    html = layouts.write_html(tmp_path / "g.xls", layouts.with_letterhead_and_totals())
    parsed = statements.parse_statement(html, "明细.xls")
    assert parsed.notes[0] == "文件「明细.xls」实为网页（HTML）表格，已按表格读取"
    assert parsed.notes[1:] == [
        "第10行是合计行（「合计」），未计入",
        "第11行是合计行（「支出笔数：3」），未计入",
        "第12行没有交易内容（表尾说明），未计入",
    ]
    assert parsed.lines[0].row == 5
    tsv = layouts.write_csv(tmp_path / "c.csv", layouts.income_and_expense(), separator="\t")
    assert statements.parse_statement(tsv).notes[0] == "文件「c.csv」实为制表符分隔（TSV），已按 TSV 读取"


def test_rejected_rows_named_by_row_and_column(tmp_path, db):
    rows = layouts.two_columns_with_flag()
    rows[1][0] = "6.21700001000123E+18"  # Excel's scientific notation
    rows[2][7] = "6230580000012345678.0"  # a counterparty saved as a number
    rows[3][2] = "20240231"  # 31 February
    rows[4][4] = "X"
    rows[5][5] = "12.345"
    path = layouts.write_csv(tmp_path / "bad.csv", rows)
    parsed = statements.parse_statement(path)
    assert [str(e) for e in parsed.errors] == [
        "第2行「查询卡号」：卡号被 Excel 改成了科学计数法（6.21700001000123E+18），后几位已丢失，无法还原：请银行以文本格式重新导出",
        "第3行「对方账号」：卡号末尾有“.0”（6230580000012345678.0，被 Excel 当作数字保存过），15位以后的数字可能已丢失：请以文本格式重新导出",
        "第4行「交易日期」：不存在的日期时间「20240231 144000」",
        "第5行「借贷标志」：无法识别的借贷标志「X」（借/D/支 为转出，贷/C/收 为转入）",
        "第6行「交易金额」：金额应为数字，最多两位小数：「12.345」",
    ]


def test_failed_transactions_dropped_and_a_missing_row_flagged(tmp_path, db):
    rows = layouts.signed_amounts()
    rows[0].append("交易状态")
    for row in rows[1:]:
        row.append("成功")
    failed = [
        layouts.OWN,
        "2024-03-05 14:35:00",
        "-999.00",
        "3000.00",
        layouts.MULE,
        "王五",
        "",
        "T009",
        "交易失败",
    ]
    rows.insert(3, failed)
    del rows[5]  # the 200.00 inflow at 14:40 is missing from this copy
    path = layouts.write_csv(tmp_path / "s.csv", rows)
    parsed = statements.parse_statement(path)
    assert parsed.errors == []
    assert parsed.notes == [
        "第4行交易状态为「交易失败」，未计入",
        "第5行：余额与上一笔（第3行）接不上，相差200.00元，可能缺少交易记录",
    ]


def test_missing_columns_refuse_the_file(tmp_path, db):
    path = layouts.write_csv(
        tmp_path / "x.csv", [["交易时间", "对方账号"], ["2024-03-05 10:00", "1234567890"]]
    )
    parsed = statements.parse_statement(path)
    assert [str(e) for e in parsed.errors] == [
        "文件：缺少必需的列：本方账号（或在导入时填写）、交易金额（文件中的列：交易时间、对方账号）"
    ]


@pytest.mark.parametrize(
    "day, clock, expected",
    [
        ("2024-03-05 14:22:10", "", "2024-03-05 14:22:10"),
        ("2024/3/5 9:05", "", "2024-03-05 09:05:00"),
        ("20240305", "092201", "2024-03-05 09:22:01"),
        ("2024-03-05-14.22.10.123456", "", "2024-03-05 14:22:10"),
        ("1709619730000", "", "2024-03-05 14:22:10"),
        ("45356.5", "", "2024-03-05 12:00:00"),
        ("2024年3月5日", "14:22", "2024-03-05 14:22:00"),
    ],
)
def test_date_and_time_forms(day, clock, expected):
    moment, _ = statements.parse_when(day, clock)
    assert moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S") == expected


def test_opening_data(tmp_path, db):
    rows = [
        ["开户信息查询结果"],
        ["账号", "户名", "证件号码", "开户行", "开户日期", "开户网点", "账户状态", "绑定手机"],
        [
            layouts.MULE,
            "王五",
            "11010519491231002X",
            "某某银行",
            "2023-01-02",
            "城关支行",
            "正常",
            "13800138000；13900139000",
        ],
        ["6.2305800000123E+18", "王五", "11010519491231002X", "某某银行", "", "", "", ""],
    ]
    parsed = statements.parse_opening(layouts.write_csv(tmp_path / "o.csv", rows))
    assert [str(e) for e in parsed.errors] == [
        "第4行「账号」：卡号被 Excel 改成了科学计数法（6.2305800000123E+18），后几位已丢失，无法还原：请银行以文本格式重新导出"
    ]
    assert parsed.lines[0].phones == "13800138000、13900139000"
    assert str(parsed.lines[0].opened_on) == "2023-01-02"
