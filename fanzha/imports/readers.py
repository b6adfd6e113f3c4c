"""Reading a ledger file (CSV or XLSX) into a frame of text cells, whatever its encoding.

Every cell is read as text: ID numbers and phones keep their leading zeros and trailing X. The
header row need not be the first: government templates often start with a title row, so the row
among the first ten that names the most known columns is taken as the header."""

import codecs
import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fanzha.imports.errors import FileError
from fanzha.imports.headers import normalize_header
from fanzha.imports.xlsx_package import CORRUPT, check_package

HEADER_SEARCH_ROWS = 10
NUL = "\x00"
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: a longer one was not written by a person


@dataclass
class Sheet:
    """A ledger file, read lazily. `batches(n)` yields frames of at most n data rows with columns
    c0..cN (text) and `_row` (the row number Excel shows); blank rows are dropped."""

    headers: list[str]  # as written in the file
    total: int  # data rows below the header, blank ones included
    _batches: Callable[[int], Iterator[pl.DataFrame]]
    _cleanup: Callable[[], None] = lambda: None

    def __post_init__(self):
        self.headers = [header.replace(NUL, "") for header in self.headers]

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        for batch in self._batches(size):
            _check_cell_lengths(batch, self.headers)
            yield _without_blank_rows(_without_nul(batch))

    def close(self) -> None:
        self._cleanup()


def _without_nul(frame: pl.DataFrame) -> pl.DataFrame:
    """NUL characters dropped from every cell: nobody types one, and PostgreSQL can hold none (a
    text column refuses it, and so does a JSON error list that quotes the cell)."""
    cells = [c for c in frame.columns if c != "_row" and frame.schema[c] == pl.String]
    return frame.with_columns(pl.col(c).str.replace_all(NUL, "", literal=True) for c in cells)


def _without_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    cells = [c for c in frame.columns if c != "_row"]
    if not cells:
        return frame
    blank = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in cells])
    return frame.filter(~blank)


def _check_cell_lengths(frame: pl.DataFrame, headers: list[str]) -> None:
    """A cell longer than MAX_CELL_CHARS rejects the file, named by its row and column (never its text)."""
    cells = [c for c in frame.columns if c != "_row"]
    if not cells:
        return
    # bytes first (constant time per cell): a cell within MAX_CELL_CHARS bytes is within as many characters
    suspects = frame.filter(pl.any_horizontal(pl.col(cells).str.len_bytes() > MAX_CELL_CHARS))
    if suspects.height == 0:
        return
    lengths = suspects.select("_row", pl.col(cells).str.len_chars())
    for record in lengths.iter_rows(named=True):
        for index, name in enumerate(cells):
            if (record[name] or 0) > MAX_CELL_CHARS:
                column = headers[index] if index < len(headers) and headers[index] else f"第{index + 1}列"
                raise FileError(
                    f"第{record['_row']}行「{column}」：内容过长（{record[name]}个字，一个单元格最多{MAX_CELL_CHARS}个字）"
                )


def _header_row(rows: list[tuple], known_headers: set[str]) -> int:
    best_row, best_hits = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if normalize_header(cell) in known_headers)
        if hits > best_hits:
            best_row, best_hits = index, hits
    return best_row


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)  # a file may end inside a character
        except UnicodeDecodeError:
            return False
    return True


def _utf8_copy(path: Path) -> Path:
    """Ledgers saved by Excel on Chinese Windows are GB18030/GBK: transcode to UTF-8 once."""
    target = Path(tempfile.mkstemp(suffix=".csv", prefix="fanzha-")[1])
    with (
        path.open("r", encoding="gb18030", errors="strict", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        try:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        except UnicodeDecodeError as exc:
            target.unlink(missing_ok=True)
            raise FileError(
                "无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或直接上传 Excel 文件"
            ) from exc
    return target


def _ragged_line(path: Path) -> str:
    """Find the first line whose field count differs from the first line's, for a clear message.
    The message names the line, never its cells (they may hold ID numbers and phones)."""
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        width, line = None, 0
        try:
            for record in reader:
                if width is None:
                    width = len(record)
                elif len(record) != width and any(cell.strip() for cell in record):
                    return f"第{reader.line_num}行有{len(record)}列，表头有{width}列（可能有未加引号的逗号或换行）"
                line = reader.line_num
        except csv.Error:  # a cell over the csv module's limit: a quote left open
            return _unclosed_quote(line + 1)
    return "CSV 格式有误"


def _unclosed_quote(line: int) -> str:
    return (
        f'第{line}行的英文双引号（"）没有成对闭合，其后的内容都会被当作同一个单元格：'
        "请检查这一行的引号，或在 Excel 中打开后重新另存为 CSV"
    )


def _unclosed_quote_line(data: bytes, first_line: int) -> int:
    """The line where the record left open by an odd number of quotes in `data` begins: just after
    the last complete record. `first_line` is the file's line number of the start of `data`."""
    start = max(_record_end(data), 0)
    return first_line + data.count(b"\n", 0, start)


BLOCK_BYTES = 32 * 1024 * 1024
HEAD_BYTES = 4 * 1024 * 1024  # where the header row is looked for and the row size estimated
# one record longer than this is a quote left open (the cells of a row hold at most MAX_CELL_CHARS each)
MAX_RECORD_BYTES = 16 * 1024 * 1024


def _record_end(block: bytes, start: int = 0) -> int:
    """Offset just past the last complete record in `block` (which starts at a record boundary): the
    last newline with an even number of quote characters before it. Quotes are escaped by doubling,
    so the parity is exact even with newlines inside quoted cells. -1 when there is none.
    Walking back from the last newline, each stretch's quotes are counted once: linear time, even
    when a stray quote makes every newline odd."""
    position = block.rfind(b"\n", start)
    if position < 0:
        return -1
    odd = block.count(b'"', 0, position) % 2
    while odd:
        previous = block.rfind(b"\n", start, position)
        if previous < 0:
            return -1
        odd ^= block.count(b'"', previous, position) % 2
        position = previous
    return position + 1


def _skip_records(block: bytes, count: int) -> int:
    """Offset just past the first `count` records of `block` (linear: each quote counted once)."""
    position, quotes = 0, 0
    for _ in range(count):
        while True:
            newline = block.find(b"\n", position)
            if newline < 0:
                return len(block)
            quotes += block.count(b'"', position, newline)
            position = newline + 1
            if quotes % 2 == 0:
                break
    return position


def _csv_sheet(path: Path, known_headers: set[str]) -> Sheet:
    """CSV is read in blocks of BLOCK_BYTES cut at record boundaries, each parsed by polars: memory
    stays bounded by the block and the batch, whatever the size of the file."""
    source = path if _is_utf8(path) else _utf8_copy(path)
    cleanup = (lambda: source.unlink(missing_ok=True)) if source != path else (lambda: None)
    options = {"has_header": False, "infer_schema": False, "encoding": "utf8", "raise_if_empty": False}
    with source.open("rb") as handle:
        first = handle.read(max(BLOCK_BYTES, HEAD_BYTES))
    size = source.stat().st_size
    complete = _record_end(first)
    sample = first if complete < 0 or len(first) < HEAD_BYTES else first[:complete]
    if sample.count(b'"') % 2 or (complete < 0 and len(first) < size):
        cleanup()
        raise FileError(_unclosed_quote(_unclosed_quote_line(sample, 1)))
    try:
        head = pl.read_csv(
            io.BytesIO(sample), n_rows=HEADER_SEARCH_ROWS, truncate_ragged_lines=True, **options
        )
    except pl.exceptions.PolarsError:  # its message quotes the cells: not passed on
        cleanup()
        raise FileError(_ragged_line(source)) from None
    if head.height == 0:
        cleanup()
        raise FileError("文件是空的")
    header_index = _header_row(list(head.iter_rows()), known_headers)
    headers = [str(cell or "").lstrip("\ufeff").strip() for cell in head.row(header_index)]
    schema = {f"c{i}": pl.String for i in range(len(headers))}
    data_start = _skip_records(first, header_index + 1)
    sample_end = _record_end(first, data_start)
    sample_rows = first.count(b"\n", data_start, sample_end) if sample_end > 0 else 0
    # an estimate for progress; the import counts the real rows
    total = round((size - data_start) * sample_rows / (sample_end - data_start)) if sample_rows else 1

    def parse(part: bytes, first_row: int) -> pl.DataFrame:
        try:
            frame = pl.read_csv(io.BytesIO(part), schema=schema, **options)
        except pl.exceptions.PolarsError:  # its message quotes the cells: not passed on
            raise FileError(_ragged_line(source)) from None
        return frame.with_columns(pl.int_range(first_row, first_row + pl.len(), dtype=pl.Int64).alias("_row"))

    def batches(rows: int) -> Iterator[pl.DataFrame]:
        next_row = header_index + 2  # the Excel row number of the first data row
        line = first.count(b"\n", 0, data_start) + 1  # the file's line number where `block` starts
        with source.open("rb") as handle:
            handle.seek(data_start)
            carry = b""
            while True:
                block = carry + handle.read(BLOCK_BYTES)
                at_end = handle.tell() >= size
                cut = len(block) if at_end else _record_end(block)
                if cut < 0:  # one record longer than a block: read on, unless it cannot be a row
                    if len(block) > MAX_RECORD_BYTES:
                        raise FileError(_unclosed_quote(line))
                    carry = block
                    continue
                part, carry = block[:cut], block[cut:]
                if at_end and part.count(b'"') % 2:
                    raise FileError(_unclosed_quote(_unclosed_quote_line(part, line)))
                line += part.count(b"\n")
                if part.strip():
                    frame = parse(part, next_row)
                    next_row += frame.height
                    for offset in range(0, frame.height, rows):
                        yield frame.slice(offset, rows)
                if at_end:
                    return

    return Sheet(headers=headers, total=total, _batches=batches, _cleanup=cleanup)


def _xlsx_sheet(path: Path, known_headers: set[str]) -> Sheet:
    import fastexcel

    check_package(path, MAX_CELL_CHARS)  # before fastexcel holds the whole sheet in memory
    try:
        reader = fastexcel.read_excel(str(path))
        raw = reader.load_sheet(0, header_row=None, dtypes="string").to_polars()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # fastexcel's own errors (a Rust panic is a BaseException); they name the path
        raise FileError(CORRUPT) from None
    if raw.height == 0:
        raise FileError("文件是空的")
    raw = raw.rename({name: f"c{i}" for i, name in enumerate(raw.columns)})
    header_index = _header_row(list(raw.head(HEADER_SEARCH_ROWS).iter_rows()), known_headers)
    headers = [str(cell or "").strip() for cell in raw.row(header_index)]
    data = raw.slice(header_index + 1).with_columns(
        pl.int_range(header_index + 2, header_index + 2 + pl.len(), dtype=pl.Int64).alias("_row")
    )

    def batches(size: int) -> Iterator[pl.DataFrame]:
        for offset in range(0, data.height, size):
            yield data.slice(offset, size)

    return Sheet(headers=headers, total=data.height, _batches=batches)


def read_table(path: str | Path, known_headers: set[str]) -> Sheet:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".csv", ".txt") and not path.is_file():
        raise FileError(f"找不到文件「{path}」")
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheet(path, known_headers)
    if suffix in (".csv", ".txt"):
        return _csv_sheet(path, known_headers)
    if suffix == ".xls":
        raise FileError("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后再导入")
    raise FileError(f"不支持的文件类型「{suffix or path.name}」：请上传 .xlsx 或 .csv 文件")
