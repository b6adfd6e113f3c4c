"""Reading a ledger file (CSV or XLSX) into a frame of text cells, whatever its encoding.

Every cell is read as text: ID numbers and phones keep their leading zeros and trailing X. The
header row need not be the first: government templates often start with a title row, so the row
among the first ten that names the most known columns is taken as the header."""

import codecs
import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fanzha.imports.errors import FileError
from fanzha.imports.headers import normalize_header

HEADER_SEARCH_ROWS = 10


@dataclass
class Sheet:
    headers: list[str]  # as written in the file
    frame: pl.DataFrame  # data rows, columns c0..cN as text, plus "_row" (the Excel row number)


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


def _read_csv(path: Path) -> pl.DataFrame:
    source = path if _is_utf8(path) else _utf8_copy(path)
    try:
        frame = pl.read_csv(
            source,
            has_header=False,
            infer_schema=False,
            encoding="utf8",
            raise_if_empty=False,
        )
    except pl.exceptions.ComputeError as exc:
        raise FileError(_ragged_line(source)) from exc
    finally:
        if source != path:
            source.unlink(missing_ok=True)
    if frame.width and frame.columns[0].startswith("\ufeff"):
        frame = frame.rename({frame.columns[0]: frame.columns[0].lstrip("\ufeff")})
    if frame.height and frame[0, 0] is not None:
        frame[0, 0] = frame[0, 0].lstrip("\ufeff")
    return frame


def _read_xlsx(path: Path) -> pl.DataFrame:
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        sheet = reader.load_sheet(0, header_row=None, dtypes="string")
    except Exception as exc:  # fastexcel raises its own error types for broken or encrypted files
        raise FileError(f"无法读取 Excel 文件：{exc}") from exc
    return sheet.to_polars()


def read_table(path: str | Path, known_headers: set[str]) -> Sheet:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        raw = _read_csv(path)
    elif suffix == ".xls":
        raise FileError("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 后再导入")
    else:
        raise FileError(f"不支持的文件类型「{suffix or path.name}」：请上传 .xlsx 或 .csv 文件")
    if raw.height == 0:
        raise FileError("文件是空的")
    raw = raw.rename({name: f"c{i}" for i, name in enumerate(raw.columns)})
    raw = raw.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("_row"))

    best_row, best_hits = 0, -1
    for index, row in enumerate(raw.head(HEADER_SEARCH_ROWS).drop("_row").iter_rows()):
        hits = sum(1 for cell in row if normalize_header(cell) in known_headers)
        if hits > best_hits:
            best_row, best_hits = index, hits
    headers = [str(cell or "").strip() for cell in raw.row(best_row)[:-1]]
    frame = raw.slice(best_row + 1)
    cells = [c for c in frame.columns if c != "_row"]
    blank = pl.all_horizontal([pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in cells])
    return Sheet(headers=headers, frame=frame.filter(~blank))


def read_upload(uploaded, known_headers: set[str]) -> Sheet:
    """A Django UploadedFile → Sheet (via a temporary file: the readers want a path)."""
    suffix = Path(uploaded.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
        handle.flush()
        return read_table(handle.name, known_headers)


def to_bytes_csv(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_csv(buffer)
    return buffer.getvalue()
