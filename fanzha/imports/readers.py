"""Reading a ledger file (CSV or XLSX) into a frame of text cells, whatever its encoding.

Every cell is read as text: ID numbers and phones keep their leading zeros and trailing X. The
header row need not be the first: government templates often start with a title row, so the row
among the first ten that names the most known columns is taken as the header."""

import codecs
import csv
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fanzha.imports.errors import FileError
from fanzha.imports.headers import normalize_header

HEADER_SEARCH_ROWS = 10


@dataclass
class Sheet:
    """A ledger file, read lazily. `batches(n)` yields frames of at most n data rows with columns
    c0..cN (text) and `_row` (the row number Excel shows); blank rows are dropped."""

    headers: list[str]  # as written in the file
    total: int  # data rows below the header, blank ones included
    _batches: Callable[[int], Iterator[pl.DataFrame]]
    _cleanup: Callable[[], None] = lambda: None

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        for batch in self._batches(size):
            yield _without_blank_rows(batch)

    def close(self) -> None:
        self._cleanup()


def _without_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    cells = [c for c in frame.columns if c != "_row"]
    if not cells:
        return frame
    blank = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in cells])
    return frame.filter(~blank)


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
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
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
    """Find the first line whose field count differs from the first line's, for a clear message."""
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        width = None
        for record in reader:
            if width is None:
                width = len(record)
            elif len(record) != width and any(cell.strip() for cell in record):
                return (
                    f"第{reader.line_num}行有{len(record)}列，表头有{width}列（可能有未加引号的逗号或换行）"
                )
    return "CSV 格式有误"


def _csv_sheet(path: Path, known_headers: set[str]) -> Sheet:
    source = path if _is_utf8(path) else _utf8_copy(path)
    cleanup = (lambda: source.unlink(missing_ok=True)) if source != path else (lambda: None)
    options = {"has_header": False, "infer_schema": False, "encoding": "utf8", "raise_if_empty": False}
    try:
        head = pl.read_csv(source, n_rows=HEADER_SEARCH_ROWS, truncate_ragged_lines=True, **options)
    except pl.exceptions.PolarsError as exc:
        cleanup()
        raise FileError(_ragged_line(source)) from exc
    if head.height == 0:
        cleanup()
        raise FileError("文件是空的")
    header_index = _header_row(list(head.iter_rows()), known_headers)
    headers = [str(cell or "").lstrip("\ufeff").strip() for cell in head.row(header_index)]
    width = len(headers)
    skip = header_index + 1

    def scan() -> pl.LazyFrame:
        return pl.scan_csv(
            source,
            skip_rows=skip,
            row_index_name="_row",
            row_index_offset=skip + 1,
            schema={f"c{i}": pl.String for i in range(width)},
            **options,
        )

    try:
        total = scan().select(pl.len()).collect().item()
    except pl.exceptions.PolarsError as exc:
        cleanup()
        raise FileError(_ragged_line(source)) from exc

    def batches(size: int) -> Iterator[pl.DataFrame]:
        try:
            for batch in scan().collect_batches(chunk_size=size):
                yield batch.with_columns(pl.col("_row").cast(pl.Int64))
        except pl.exceptions.PolarsError as exc:
            raise FileError(_ragged_line(source)) from exc

    return Sheet(headers=headers, total=total, _batches=batches, _cleanup=cleanup)


def _xlsx_sheet(path: Path, known_headers: set[str]) -> Sheet:
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        raw = reader.load_sheet(0, header_row=None, dtypes="string").to_polars()
    except Exception as exc:  # fastexcel raises its own error types for broken or encrypted files
        raise FileError(f"无法读取 Excel 文件：{exc}") from exc
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
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheet(path, known_headers)
    if suffix in (".csv", ".txt"):
        return _csv_sheet(path, known_headers)
    if suffix == ".xls":
        raise FileError("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后再导入")
    raise FileError(f"不支持的文件类型「{suffix or path.name}」：请上传 .xlsx 或 .csv 文件")
