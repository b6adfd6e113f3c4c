"""Reading 交易明细 and 开户信息 as banks and payment institutions deliver them.

Built on the ledger readers (fanzha/imports/readers.py: xlsx and CSV, UTF-8 or GB18030, the header row
found below a letterhead), with what statements need besides: the content is sniffed (a `.csv` or
`.xls` that is really TSV, HTML or an xlsx), the date and time may be two columns, the direction a
借贷标志, a sign or separate 收入/支出 columns, 财付通 amounts in 分; totals rows, failed transactions and
footnotes are dropped with a note; card numbers that Excel turned into 1.23E+18 or …0.0 are reported,
never guessed. Every rejected row is named 第N行「列名」：原因; the caller writes nothing if there is one.

The result is plain data (parse_statement → ParsedStatement); funds/services.py writes it."""

import csv
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import polars as pl

from fanzha.cases.choices import IdentifierKind
from fanzha.cases.identifiers import clean_identifier
from fanzha.core.idcard import clean_id_number
from fanzha.core.periods import BEIJING
from fanzha.funds.rules import is_cash
from fanzha.imports.errors import FileError, RowError
from fanzha.imports.headers import map_headers, normalize_header
from fanzha.imports.readers import read_table

TRANSACTION_HEADERS = {
    "本方账号": [
        "查询卡号",
        "查询账号",
        "本方卡号",
        "卡号",
        "账号",
        "交易卡号",
        "交易账号",
        "客户账号",
        "户口号",
        "卡/折号",
        "账户",
    ],
    "本方户名": [
        "交易户名",
        "交易方户名",
        "账户开户名称",
        "客户名称",
        "户名",
        "账户名称",
        "查询对象",
        "账户名",
    ],
    "开户行": ["开户银行", "银行名称", "账户开户行", "开户机构"],
    "交易时间": ["时间", "交易创建时间", "付款时间", "到账时间", "交易日期时间", "入账时间"],
    "交易日期": ["记账日期", "日期", "入账日期"],
    "交易金额": ["金额", "发生额", "交易金额（元）", "交易额"],
    "借贷标志": [
        "借贷方向",
        "交易方向",
        "收付标志",
        "收/支",
        "收支",
        "借贷类型",
        "出入账标志",
        "收支类型",
        "收支标志",
    ],
    "收入金额": ["收入", "贷方发生额", "贷方金额", "收入金额(+)", "存入金额"],
    "支出金额": ["支出", "借方发生额", "借方金额", "支出金额(-)", "支取金额"],
    "余额": ["交易余额", "账户余额", "交易后余额", "联机余额", "余额（元）", "当前余额"],
    "对方账号": [
        "对手账号",
        "对方卡号",
        "对方帐号",
        "交易对手账号",
        "对手卡号",
        "收款银行卡号",
        "交易对方账号",
        "对方账户",
    ],
    "对方户名": [
        "对手户名",
        "交易对方",
        "交易对手名称",
        "对方名称",
        "交易对手户名",
        "对方账户名称",
        "对手名称",
    ],
    "对方开户行": ["对方行名", "交易对手行名", "对手开户行", "对方银行", "对方开户机构", "对方账号开户行"],
    "摘要": ["交易摘要", "附言", "用途", "交易类型", "备注", "交易说明"],
    "交易流水号": ["流水号", "柜员流水号", "交易号", "交易单号", "支付订单号", "交易序号", "交易流水"],
    "交易渠道": ["渠道", "交易网点", "网点", "交易网点名称", "交易机构"],
    "IP地址": ["IP", "交易IP", "IP地址"],
    "MAC地址": ["MAC", "交易MAC"],
    "设备号": ["设备ID", "交易设备号", "设备编号"],
    "交易状态": ["状态", "交易结果"],
    "现转标志": ["现金标志", "钞转标志", "现转"],
}
OPENING_HEADERS = {
    "账号": ["卡号", "账号/卡号", "账户", "银行卡号", "交易卡号", "查询卡号", "客户账号"],
    "户名": ["姓名", "开户人", "客户名称", "账户名称", "开户名称", "持卡人"],
    "证件号码": ["证件号", "身份证号", "身份证号码", "开户人证件号码", "公民身份号码"],
    "开户行": ["开户银行", "银行名称", "开户机构"],
    "开户日期": ["开户时间", "开户日"],
    "开户网点": ["网点", "开户机构名称"],
    "账户状态": ["状态", "卡状态"],
    "绑定手机": ["联系电话", "手机号", "绑定手机号", "预留手机号", "手机号码", "联系手机"],
}
OUT_FLAGS = {"借", "D", "支", "支出", "出", "转出", "-", "付", "借方", "DR", "付款"}
IN_FLAGS = {"贷", "C", "收", "收入", "进", "入", "转入", "+", "贷方", "CR", "存", "收款"}
FAILED = re.compile(r"失败|冲正|撤销|无效|退回|关闭|未成功")
TOTALS = re.compile(r"^(合计|总计|小计|本页合计|本页小计|累计|汇总)|笔数|总金额")
EMPTY_ACCOUNT = {"", "-", "--", "/", "无", "空", "null", "NULL", "0"}
SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
TRAILING_ZERO = re.compile(r"^\d+\.0+$")
LETTERHEAD_ACCOUNT = re.compile(r"(?:查询)?(?:账号|卡号|帐号)[:：]\s*([0-9][0-9\s-]{7,})")
MAX_TEXT = {
    "holder": 100,
    "bank": 100,
    "counterparty_name": 100,
    "counterparty_bank": 100,
    "summary": 200,
    "serial": 64,
    "channel": 100,
    "device": 200,
}


@dataclass
class Line:
    """One statement row, parsed."""

    row: int
    account: str
    holder: str
    bank: str
    at: datetime
    direction: str
    amount_fen: int
    balance_fen: int | None
    counterparty: str
    counterparty_name: str
    counterparty_bank: str
    summary: str
    serial: str
    channel: str
    device: str
    cash: bool
    seq: int = 0

    def key(self) -> tuple:
        """Duplicates across overlapping statements: 流水号 + 时间 + 金额 (without a 流水号, the whole row)."""
        if self.serial:
            return (self.account, self.serial, self.at, self.amount_fen)
        return (
            self.account,
            "",
            self.at,
            self.amount_fen,
            self.direction,
            self.balance_fen,
            self.counterparty,
        )


@dataclass
class Holder:
    row: int
    account: str
    bank: str
    name: str
    id_number: str
    opened_on: date | None
    branch: str
    status: str
    phones: str


@dataclass
class ParsedStatement:
    kind: str
    lines: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    unknown_headers: list[str] = field(default_factory=list)


# ---- sniffing --------------------------------------------------------------------------------------


class _TableParser(HTMLParser):
    """The first <table> of an HTML page (what many banks' “Excel” exports really are) → rows of text."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._depth = 0
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if self._done:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)  # empty rows too: the row numbers are those Excel shows
            self._row = None
        elif tag == "table" and self._depth:
            self._depth -= 1
            self._done = self._depth == 0 and bool(self.rows)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或直接上传 Excel 文件")


def _write_csv(rows: list[list[str]]) -> Path:
    """The rows as a CSV read_table can read (a working copy of the user's own file, never an export)."""
    target = Path(tempfile.mkstemp(suffix=".csv", prefix="fanzha-funds-")[1])
    width = max((len(r) for r in rows), default=0)
    padded = [row + [""] * (width - len(row)) for row in rows]
    frame = pl.DataFrame(padded, schema=[f"c{i}" for i in range(width)], orient="row")
    frame.write_csv(target, include_header=False)
    return target


@dataclass
class Sniffed:
    path: Path
    letterhead: str  # text above the table (for an account written there)
    temporary: bool
    note: str = ""


def sniff(path: Path, filename: str) -> Sniffed:
    """What the file really is, whatever its name says → a path read_table can read."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    suffix = Path(filename).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".xlsm"):
            return Sniffed(path, "", False)
        target = Path(tempfile.mkstemp(suffix=".xlsx", prefix="fanzha-funds-")[1])
        target.write_bytes(path.read_bytes())
        return Sniffed(target, "", True, f"文件「{filename}」实为 Excel（xlsx）文件，已按 xlsx 读取")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _xls(path, filename)
    if suffix in (".xlsx", ".xlsm"):
        raise FileError("文件已损坏或不是 Excel 文件：请在 Excel 中打开后重新保存")
    text = _decode(path.read_bytes())
    if re.search(r"<\s*(table|html)\b", text[:65536], re.I):
        parser = _TableParser()
        parser.feed(text)
        if not any(any(row) for row in parser.rows):
            raise FileError("网页格式的文件中没有找到表格")
        header = _letterhead(parser.rows[:10])
        return Sniffed(
            _write_csv(parser.rows), header, True, f"文件「{filename}」实为网页（HTML）表格，已按表格读取"
        )
    lines = text.splitlines()[:20]
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    if tabs > commas:
        rows = [line.split("\t") for line in text.splitlines()]
        note = "" if suffix in (".tsv", ".txt") else f"文件「{filename}」实为制表符分隔（TSV），已按 TSV 读取"
        return Sniffed(_write_csv(rows), _letterhead(rows[:10]), True, note)
    head_rows = list(csv.reader(lines[:20]))
    if len({len(row) for row in head_rows}) > 1:  # a letterhead narrower than the table: pad every row
        rows = list(csv.reader(io.StringIO(text)))
        return Sniffed(_write_csv(rows), _letterhead(rows[:10]), True)
    if suffix not in (".csv", ".txt"):
        target = Path(tempfile.mkstemp(suffix=".csv", prefix="fanzha-funds-")[1])
        target.write_bytes(path.read_bytes())
        return Sniffed(target, "\n".join(lines[:10]), True)
    return Sniffed(path, "\n".join(lines[:10]), False)


def _xls(path: Path, filename: str) -> Sniffed:
    import fastexcel

    try:
        frame = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, dtypes="string").to_polars()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # fastexcel's own errors name the path
        raise FileError("文件已损坏或不是 Excel 文件：请在 Excel 中打开后重新保存") from None
    rows = [["" if cell is None else str(cell) for cell in row] for row in frame.iter_rows()]
    return Sniffed(
        _write_csv(rows), _letterhead(rows[:10]), True, f"旧版 Excel（xls）文件「{filename}」已读取"
    )


def _letterhead(rows: list[list[str]]) -> str:
    return "\n".join(" ".join(cell for cell in row if cell) for row in rows)


# ---- cells -----------------------------------------------------------------------------------------


def _text(value) -> str:
    text = str(value or "")
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()


@lru_cache(maxsize=65_536)  # a statement repeats its own account on every row
def parse_account(text: str) -> str:
    """An account or card number, normalised like the case identifiers. Raises ValueError with the
    reason; numbers Excel has damaged are refused, not guessed."""
    value = _text(text).replace(" ", "")
    if SCIENTIFIC.match(value):
        raise ValueError(
            f"卡号被 Excel 改成了科学计数法（{value}），后几位已丢失，无法还原：请银行以文本格式重新导出"
        )
    if TRAILING_ZERO.match(value):
        raise ValueError(
            f"卡号末尾有“.0”（{value}，被 Excel 当作数字保存过），15位以后的数字可能已丢失：请以文本格式重新导出"
        )
    return clean_identifier(IdentifierKind.ACCOUNT, value)


_DB2 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.\d+)?$")
_DATE_TIME = re.compile(
    r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:[\sT]*(\d{1,2})[:：时]?(\d{2})(?:[:：分]?(\d{2}))?(?:\.\d+)?秒?)?$"
)
_TIME = re.compile(r"^(\d{1,2})[:：时]?(\d{2})(?:[:：分]?(\d{2}))?(?:\.\d+)?$")
EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_when(day_text: str, time_text: str = "") -> tuple[datetime, bool]:
    """→ (Beijing time, whether a time of day was given). Raises ValueError with the reason."""
    day = _text(day_text)
    clock = _text(time_text)
    if re.fullmatch(r"\d{13}", day):  # epoch milliseconds
        return datetime.fromtimestamp(int(day) / 1000, BEIJING), True
    if re.fullmatch(r"\d{5}(\.\d+)?", day):  # an Excel serial day
        moment = EXCEL_EPOCH + timedelta(days=float(day))
        moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
        has_time = "." in day
        day = f"{moment:%Y-%m-%d %H:%M:%S}" if has_time else f"{moment:%Y-%m-%d}"
    match = _DB2.match(day)
    parts = match.groups() if match else None
    if parts is None:
        match = _DATE_TIME.match(day)
        if not match:
            raise ValueError(f"无法识别的日期时间「{day}」")
        parts = match.groups()
    year, month, dom = int(parts[0]), int(parts[1]), int(parts[2])
    hour, minute, second = parts[3], parts[4], parts[5]
    if clock:
        if re.fullmatch(r"0?\.\d+", clock):  # an Excel time fraction
            seconds = round(float(clock) * 86400)
            hour, minute, second = seconds // 3600, seconds // 60 % 60, seconds % 60
        else:
            digits = clock.replace(" ", "")
            if re.fullmatch(r"\d{5,6}", digits):
                digits = digits.zfill(6)
                hour, minute, second = digits[:2], digits[2:4], digits[4:]
            else:
                found = _TIME.match(digits)
                if not found:
                    raise ValueError(f"无法识别的交易时间「{clock}」")
                hour, minute, second = found.groups()
    has_time = hour is not None
    try:
        moment = datetime(
            year, month, dom, int(hour or 0), int(minute or 0), int(second or 0), tzinfo=BEIJING
        )
    except ValueError:
        raise ValueError(f"不存在的日期时间「{day} {clock}」".replace(" 」", "」")) from None
    return moment, has_time


def parse_amount(text: str, in_fen: bool) -> int | None:
    """A cell → signed fen (None when empty). Raises ValueError with the reason."""
    raw = re.sub(r"[,，\s¥￥元]", "", _text(text))
    if raw in ("", "-", "--"):
        return None
    sign = -1 if raw.startswith("-") or raw.endswith("-") else 1
    raw = raw.strip("+-")
    pattern = r"\d+" if in_fen else r"\d+(\.\d{1,2})?|\.\d{1,2}"
    if not re.fullmatch(pattern, raw):
        reason = "金额应为整数（单位：分）" if in_fen else "金额应为数字，最多两位小数"
        raise ValueError(f"{reason}：「{_text(text)}」")
    try:
        fen = int(raw) if in_fen else int(Decimal(raw) * 100)
    except InvalidOperation:
        raise ValueError(f"无法识别的金额「{_text(text)}」") from None
    return sign * fen


def _in_fen(header: str) -> bool:
    return bool(re.search(r"[(（\[【]\s*分\s*[)）\]】]", header or ""))


# ---- reading ---------------------------------------------------------------------------------------


def _cells(path: Path, headers: dict[str, list[str]]):
    table: dict[str, str] = {}
    for canonical, aliases in headers.items():
        table[normalize_header(canonical)] = canonical
        for alias in aliases:
            table[normalize_header(alias)] = canonical
    sheet = read_table(path, set(table))
    try:
        index, unknown, duplicated = map_headers(sheet.headers, table)
        if duplicated:
            raise FileError("这些列出现了不止一次：" + "、".join(sorted(set(duplicated))))
        rows = []
        for batch in sheet.batches(50_000):
            width = batch.width - 1
            for record in batch.iter_rows():
                rows.append((record[-1], ["" if c is None else str(c) for c in record[:width]]))
        return sheet.headers, index, unknown, rows
    finally:
        sheet.close()


def parse_statement(path: str | Path, filename: str = "", account: str = "") -> ParsedStatement:
    """A 交易明细 file → its lines (sorted and chained per account), errors and notes. `account` is the
    own account when the file names it only in its letterhead (or not at all)."""
    path = Path(path)
    filename = filename or path.name
    result = ParsedStatement(kind="transactions")
    try:
        sniffed = sniff(path, filename)
    except FileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    try:
        if sniffed.note:
            result.notes.append(sniffed.note)
        headers, index, unknown, rows = _cells(sniffed.path, TRANSACTION_HEADERS)
    except FileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    finally:
        if sniffed.temporary:
            sniffed.path.unlink(missing_ok=True)
    result.unknown_headers = unknown
    default_account = account
    if not default_account and "本方账号" not in index:
        found = LETTERHEAD_ACCOUNT.search(sniffed.letterhead)
        if found:
            default_account = found.group(1)
    problems = _missing_columns(index, default_account)
    if problems:
        known = "、".join(h for h in headers if normalize_header(h))
        result.errors.append(RowError(0, "", f"{problems}（文件中的列：{known}）"))
        return result
    if default_account:
        try:
            default_account = parse_account(default_account)
        except ValueError as exc:
            result.errors.append(RowError(0, "", f"本方账号：{exc}"))
            return result
    reader = _LineReader(index, headers, default_account)
    date_only = 0
    for row, cells in rows:
        result.rows_read += 1
        line = reader.read(row, cells, result)
        if line is not None:
            result.lines.append(line)
            date_only += not reader.had_time
    if date_only:
        result.notes.append(f"{date_only}行只有交易日期、没有时间：同日交易按余额顺序排列")
    if not result.errors:
        result.notes.extend(chain(result.lines))
    return result


def _missing_columns(index: dict, default_account: str) -> str:
    missing = []
    if "本方账号" not in index and not default_account:
        missing.append("本方账号（或在导入时填写）")
    if "交易时间" not in index and "交易日期" not in index:
        missing.append("交易时间")
    if "交易金额" not in index and not ("收入金额" in index or "支出金额" in index):
        missing.append("交易金额")
    return f"缺少必需的列：{'、'.join(missing)}" if missing else ""


class _LineReader:
    def __init__(self, index: dict[str, int], headers: list[str], default_account: str):
        self.index = index
        self.headers = headers
        self.default_account = default_account
        self.had_time = True
        self.amount_in_fen = {
            name: _in_fen(headers[index[name]])
            for name in ("交易金额", "收入金额", "支出金额", "余额")
            if name in index
        }

    def cell(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    def header(self, name: str) -> str:
        return self.headers[self.index[name]] if name in self.index else name

    def read(self, row: int, cells: list[str], result: ParsedStatement) -> Line | None:
        filled = [c.strip() for c in cells if c and not c.isspace()]
        first = filled[0] if filled else ""
        if TOTALS.search(_text(first)):
            result.notes.append(f"第{row}行是合计行（「{first[:20]}」），未计入")
            return None
        amount_cells = [self.cell(cells, n) for n in ("交易金额", "收入金额", "支出金额")]
        when_cells = [_text(self.cell(cells, n)) for n in ("交易时间", "交易日期")]
        no_amount = not any(_text(c) for c in amount_cells)
        if no_amount and (len(filled) <= 1 or not any(re.search(r"\d", c) for c in when_cells)):
            result.notes.append(f"第{row}行没有交易内容（表尾说明），未计入")
            return None
        status = _text(self.cell(cells, "交易状态"))
        if status and FAILED.search(status):
            result.notes.append(f"第{row}行交易状态为「{status[:20]}」，未计入")
            return None
        errors: list[RowError] = []

        def fail(name: str, message: str) -> None:
            errors.append(RowError(row, self.header(name), message))

        account = ""
        raw_account = self.cell(cells, "本方账号") or self.default_account
        if not _text(raw_account):
            fail("本方账号", "本方账号不能为空")
        else:
            try:
                account = parse_account(raw_account)
            except ValueError as exc:
                fail("本方账号", str(exc))
        at = None
        day_name = "交易日期" if "交易日期" in self.index else "交易时间"
        day_text = self.cell(cells, day_name)
        time_text = self.cell(cells, "交易时间") if day_name == "交易日期" else ""
        if not _text(day_text) and _text(time_text) and len(_text(time_text)) > 8:
            day_text, time_text = time_text, ""
        if not _text(day_text):
            fail(day_name, "交易时间不能为空")
        else:
            try:
                at, self.had_time = parse_when(day_text, time_text)
            except ValueError as exc:
                fail(day_name, str(exc))
        direction, amount = self._amount(cells, fail)
        balance = None
        if _text(self.cell(cells, "余额")):
            try:
                balance = parse_amount(self.cell(cells, "余额"), self.amount_in_fen.get("余额", False))
            except ValueError as exc:
                fail("余额", str(exc))
        counterparty = ""
        raw_other = _text(self.cell(cells, "对方账号"))
        if raw_other and raw_other not in EMPTY_ACCOUNT:
            try:
                counterparty = parse_account(raw_other)
            except ValueError as exc:
                if SCIENTIFIC.match(raw_other.replace(" ", "")) or TRAILING_ZERO.match(
                    raw_other.replace(" ", "")
                ):
                    fail("对方账号", str(exc))
                else:
                    result.notes.append(
                        f"第{row}行「{self.header('对方账号')}」不是账号（{exc}），按无对方账号处理"
                    )
        if errors:
            result.errors.extend(errors)
            return None
        summary = _text(self.cell(cells, "摘要"))
        device = "；".join(
            v for v in (_text(self.cell(cells, n)) for n in ("IP地址", "MAC地址", "设备号")) if v
        )
        return Line(
            row=row,
            account=account,
            holder=_text(self.cell(cells, "本方户名"))[:100],
            bank=_text(self.cell(cells, "开户行"))[:100],
            at=at,
            direction=direction,
            amount_fen=amount,
            balance_fen=balance,
            counterparty=counterparty,
            counterparty_name=_text(self.cell(cells, "对方户名"))[:100],
            counterparty_bank=_text(self.cell(cells, "对方开户行"))[:100],
            summary=summary[:200],
            serial=_text(self.cell(cells, "交易流水号"))[:64],
            channel=_text(self.cell(cells, "交易渠道"))[:100],
            device=device[:200],
            cash=direction == "out" and is_cash(self.cell(cells, "现转标志"), summary, counterparty),
        )

    def _amount(self, cells: list[str], fail) -> tuple[str, int]:
        if "交易金额" in self.index:
            try:
                value = parse_amount(self.cell(cells, "交易金额"), self.amount_in_fen["交易金额"])
            except ValueError as exc:
                fail("交易金额", str(exc))
                return "", 0
            if value is None and ("收入金额" in self.index or "支出金额" in self.index):
                return self._two_columns(cells, fail)
            if value is None or value == 0:
                fail("交易金额", "交易金额不能为空或为零")
                return "", 0
            if "借贷标志" in self.index:
                flag = _text(self.cell(cells, "借贷标志")).upper()
                if flag in OUT_FLAGS:
                    return "out", abs(value)
                if flag in IN_FLAGS:
                    return "in", abs(value)
                fail("借贷标志", f"无法识别的借贷标志「{flag}」（借/D/支 为转出，贷/C/收 为转入）")
                return "", 0
            return ("out" if value < 0 else "in"), abs(value)
        return self._two_columns(cells, fail)

    def _two_columns(self, cells: list[str], fail) -> tuple[str, int]:
        found = []
        for name, direction in (("收入金额", "in"), ("支出金额", "out")):
            if name not in self.index:
                continue
            try:
                value = parse_amount(self.cell(cells, name), self.amount_in_fen.get(name, False))
            except ValueError as exc:
                fail(name, str(exc))
                return "", 0
            if value:
                found.append((direction, abs(value)))
        if len(found) != 1:
            name = "收入金额" if "收入金额" in self.index else "支出金额"
            fail(name, "收入、支出两列应有且只有一列填写金额" if found else "收入、支出金额都为空")
            return "", 0
        return found[0]


def _signed(line: Line) -> int:
    return line.amount_fen if line.direction == "in" else -line.amount_fen


def chain(lines: list[Line]) -> list[str]:
    """Sort each account's lines by time and give same-second lines the order of the balance chain
    (余额 before ± amount = 余额 after); → a note for each break in the chain (a missing row)."""
    notes: list[str] = []
    lines.sort(key=lambda line: (line.account, line.at, line.row))
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].account == lines[start].account:
            end += 1
        notes.extend(_chain_account(lines, start, end))
        start = end
    return notes


def _chain_account(lines: list[Line], start: int, end: int) -> list[str]:
    notes = []
    previous: Line | None = None
    position = start
    while position < end:
        stop = position
        while stop < end and lines[stop].at == lines[position].at:
            stop += 1
        group = lines[position:stop]
        if len(group) > 1:
            group = _order_same_second(group, previous.balance_fen if previous else None)
            lines[position:stop] = group
        for offset, line in enumerate(group):
            line.seq = offset
            if previous is not None and previous.balance_fen is not None and line.balance_fen is not None:
                expected = previous.balance_fen + _signed(line)
                if expected != line.balance_fen:
                    gap = line.balance_fen - _signed(line) - previous.balance_fen
                    notes.append(
                        f"第{line.row}行：余额与上一笔（第{previous.row}行）接不上，相差{gap / 100:,.2f}元，"
                        "可能缺少交易记录"
                    )
            previous = line
        position = stop
    return notes


def _order_same_second(group: list[Line], before: int | None) -> list[Line]:
    """The order in which each line's balance follows from the one before it."""
    remaining = sorted(group, key=lambda line: line.row)
    if before is None:  # the first second of the statement: start where no other line ends
        afters = {line.balance_fen for line in remaining}
        starts = [
            line
            for line in remaining
            if line.balance_fen is not None and line.balance_fen - _signed(line) not in afters
        ]
        if starts:
            before = starts[0].balance_fen - _signed(starts[0])
    ordered = []
    while remaining:
        follow = next(
            (
                line
                for line in remaining
                if before is not None
                and line.balance_fen is not None
                and line.balance_fen - _signed(line) == before
            ),
            None,
        )
        if follow is None:
            ordered.extend(remaining)
            break
        ordered.append(follow)
        remaining.remove(follow)
        before = follow.balance_fen
    return ordered


# ---- 开户信息 ------------------------------------------------------------------------------------------


def parse_opening(path: str | Path, filename: str = "") -> ParsedStatement:
    """A 开户信息 file → holders (one per account), errors and notes."""
    path = Path(path)
    filename = filename or path.name
    result = ParsedStatement(kind="opening")
    try:
        sniffed = sniff(path, filename)
        try:
            headers, index, unknown, rows = _cells(sniffed.path, OPENING_HEADERS)
        finally:
            if sniffed.temporary:
                sniffed.path.unlink(missing_ok=True)
    except FileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    if sniffed.note:
        result.notes.append(sniffed.note)
    result.unknown_headers = unknown
    if "账号" not in index:
        result.errors.append(RowError(0, "", "缺少必需的列：账号"))
        return result

    def cell(cells, name):
        position = index.get(name)
        return _text(cells[position]) if position is not None and position < len(cells) else ""

    def header(name):
        return headers[index[name]] if name in index else name

    for row, cells in rows:
        result.rows_read += 1
        first = next((_text(c) for c in cells if _text(c)), "")
        if TOTALS.search(first):
            result.notes.append(f"第{row}行是合计行，未计入")
            continue
        errors = []
        try:
            account = parse_account(cell(cells, "账号"))
        except ValueError as exc:
            errors.append(RowError(row, header("账号"), str(exc) if cell(cells, "账号") else "账号不能为空"))
            account = ""
        id_number = cell(cells, "证件号码").upper()
        if id_number and re.fullmatch(r"\d{17}[\dX]|\d{15}", id_number):
            try:
                id_number = clean_id_number(id_number)
            except ValueError as exc:
                errors.append(RowError(row, header("证件号码"), str(exc)))
        opened = None
        if cell(cells, "开户日期"):
            try:
                opened = parse_when(cell(cells, "开户日期"))[0].date()
            except ValueError as exc:
                errors.append(RowError(row, header("开户日期"), str(exc)))
        phones = "、".join(re.findall(r"1\d{10}", cell(cells, "绑定手机").replace(" ", "")))
        if errors:
            result.errors.extend(errors)
            continue
        result.lines.append(
            Holder(
                row=row,
                account=account,
                bank=cell(cells, "开户行")[:100],
                name=cell(cells, "户名")[:100],
                id_number=id_number[:30],
                opened_on=opened,
                branch=cell(cells, "开户网点")[:100],
                status=cell(cells, "账户状态")[:30],
                phones=phones[:200],
            )
        )
    return result
