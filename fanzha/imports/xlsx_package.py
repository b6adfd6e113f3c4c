"""Checking an .xlsx package (a zip of XML parts) before it is parsed, so that a small upload cannot
make the server unpack gigabytes (a zip bomb) or hold one enormous cell in memory.

First what the zip's directory declares: how many parts, how large unpacked, how much compressed.
Then every part is inflated once, in bounded pieces, counting what it really yields (a zip may lie
about its sizes) and looking, in the XML, for a stretch without a tag longer than any cell's text can
be: this bounds the longest cell before the parser builds it in memory."""

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from fanzha.imports.errors import FileError

MAX_PARTS = 10_000
MAX_DIRECTORY_BYTES = 4 << 20  # the zip's directory: a ledger's few dozen parts take a few KB
END_SEARCH_BYTES = (1 << 16) + 22  # the end record, after a comment of at most 64 KB
MAX_UNPACKED_BYTES = 1 << 30  # all parts together; a 200,000-row case ledger unpacks to about 300 MB
MAX_RATIO = 100  # unpacked / packed, for a part over RATIO_FLOOR_BYTES; ledgers compress about 10:1
RATIO_FLOOR_BYTES = 1 << 20
BYTES_PER_CHAR = 4  # the most one character of cell text takes in UTF-8
READ_BYTES = 1 << 20
PIECE_BYTES = 16 << 20  # inflated at a time
CONTEXT_BYTES = 4096  # looked back from a long text for the cell's <c r="B3"> tag

TOO_MANY_PARTS = "Excel 文件包含的部件过多，不像是台账文件，已拒绝导入：请在 Excel 中另存为 .xlsx 后再导入"
CORRUPT = "无法读取 Excel 文件：文件已损坏、已加密或不是 .xlsx 格式，请在 Excel 中打开后另存为 .xlsx 再导入"

_LOCAL_HEADER = struct.Struct("<4s22xHH")
_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
SHARED_ITEM = b"<si>"  # one shared string; Excel, openpyxl and xlsxwriter write it bare
# what zipfile raises reading a hostile directory: a bad signature or size (BadZipFile), an unknown
# zip version (NotImplementedError), an offset before the file or a name it cannot decode (ValueError,
# UnicodeDecodeError among them), a short read (EOFError, OSError)
ZIP_ERRORS = (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError)


def check_package(path: Path, max_cell_chars: int) -> None:
    """Raise FileError (in Chinese) when the package is broken, too large unpacked, compressed
    suspiciously well, or holds a text longer than `max_cell_chars` could be."""
    with path.open("rb") as handle:
        _check_end_record(handle)
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        raise FileError(CORRUPT) from None
    with archive, path.open("rb") as handle:
        parts = archive.infolist()
        _check_directory(parts)
        segment = max_cell_chars * BYTES_PER_CHAR  # a cell's text this long is over the limit
        for part in parts:
            pieces = _inflate(handle, part)
            if not part.filename.lower().endswith((".xml", ".rels")):
                for _ in pieces:
                    pass
                continue
            shared = part.filename.lower().endswith("sharedstrings.xml")
            found = _long_text(pieces, segment, count_items=shared)
            if found is not None:
                before, item = found
                if shared:
                    cell = _cell_showing(handle, parts, item)
                elif part.filename.startswith("xl/worksheets/"):
                    refs = _CELL_REF.findall(before)
                    cell = refs[-1] if refs else None
                else:
                    cell = None
                raise FileError(_too_long(cell, max_cell_chars))


def _check_end_record(handle) -> None:
    """The zip's directory is read whole into objects: bound its size from the end record first (the
    record zipfile reads too: the last one within the comment's reach). A ledger's package never needs
    the zip64 records, which would let the directory claim anything."""
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(max(0, size - END_SEARCH_BYTES))
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise FileError(CORRUPT)
    zip64 = tail[max(0, at - 20) : at].startswith(b"PK\x06\x07")
    (directory_bytes,) = struct.unpack_from("<I", tail, at + 12)
    if zip64 or directory_bytes > MAX_DIRECTORY_BYTES:
        raise FileError(TOO_MANY_PARTS)


def _check_directory(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise FileError(TOO_MANY_PARTS)
    if len({p.filename for p in parts}) != len(parts):
        raise FileError(CORRUPT)
    if sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise FileError(
            f"Excel 文件解压后超过 {MAX_UNPACKED_BYTES >> 20} MB，无法导入：请拆分成几个文件分别导入"
        )
    for part in parts:
        if part.header_offset < 0:  # zipfile allows for data before the zip: a lying directory reads negative
            raise FileError(CORRUPT)
        if part.flag_bits & 0x1 or part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileError(CORRUPT)
        if part.file_size > RATIO_FLOOR_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise FileError(
                "Excel 文件的压缩比异常（解压后是原来的一百多倍），可能是恶意构造的文件，已拒绝导入"
            )


def _inflate(handle, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, PIECE_BYTES at most at a time, never more than its declared size."""
    handle.seek(part.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise FileError(CORRUPT)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise FileError(CORRUPT)
    handle.seek(part.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if part.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced = part.compress_size, 0
    while left > 0:
        data = handle.read(min(READ_BYTES, left))
        if not data:
            raise FileError(CORRUPT)
        left -= len(data)
        while data:
            if inflater is None:
                piece, data = data, b""
            else:
                try:
                    piece = inflater.decompress(data, PIECE_BYTES)
                except zlib.error:
                    raise FileError(CORRUPT) from None
                data = inflater.unconsumed_tail
            produced += len(piece)
            if produced > part.file_size:  # more than the zip declares: a parser trusting it would balloon
                raise FileError(CORRUPT)
            yield piece
    if inflater is not None:
        produced += len(inflater.flush())
    if produced != part.file_size:
        raise FileError(CORRUPT)


def _long_text(pieces: Iterator[bytes], segment: int, count_items: bool) -> tuple[bytes, int] | None:
    """The first stretch of text with no '<' that covers a whole `segment` of the window (so at least
    `segment` bytes long; any stretch of 2 × `segment` is found): (the bytes just before it, the index
    of the shared string <si> it lies in when `count_items`). Each window is the previous one's tail
    and the next piece, so a stretch crossing a piece boundary is found too."""
    keep, items = b"", 0
    for number, piece in enumerate(pieces):
        if _markup_declaration(keep[-1:] + piece, first=number == 0):
            raise FileError(CORRUPT)
        window = keep + piece
        if count_items:
            items += window.count(SHARED_ITEM) - keep.count(SHARED_ITEM)
        for offset in range(0, len(window) - segment + 1, segment):
            if window.find(b"<", offset, offset + segment) < 0:
                start = window.rfind(b"<", 0, offset) + 1
                item = items - window.count(SHARED_ITEM, start) - 1
                return window[max(0, start - CONTEXT_BYTES) : start], item
        keep = window[-(2 * segment + CONTEXT_BYTES) :]
    return None


def _markup_declaration(data: bytes, first: bool) -> bool:
    """A comment, CDATA section, DOCTYPE or processing instruction (<! or <?) past the XML declaration:
    the parser holds each whole, whatever '<' it contains. Excel writes none. The cheap search for a
    '!' or '?' comes first: most pieces have neither."""
    start = data.find(b"?>") if first and data.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 0
    return (b"!" in data and data.find(b"<!", start) >= 0) or (b"?" in data and data.find(b"<?", start) >= 0)


def _too_long(cell: tuple[bytes, bytes] | None, max_chars: int) -> str:
    reason = f"内容过长（一个单元格最多{max_chars}个字）"
    if cell is None:
        return f"文件中有单元格{reason}"
    column, row = (value.decode() for value in cell)
    return f"第{row}行（{column}列）：{reason}"


def _cell_showing(handle, parts: list[zipfile.ZipInfo], index: int) -> tuple[bytes, bytes] | None:
    """The first worksheet cell of type "s" whose value is shared string `index`."""
    pattern = re.compile(rb"<c\b([^>]*)>\s*<v>%d</v>" % index)
    for part in parts:
        if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
            continue
        keep = b""
        for piece in _inflate(handle, part):
            window = keep + piece
            for match in pattern.finditer(window):
                attributes = match.group(1)
                ref = re.search(rb'\br="([A-Z]{1,3})([0-9]{1,7})"', attributes)
                if ref and re.search(rb'\bt="s"', attributes):
                    return ref.group(1), ref.group(2)
            keep = window[-CONTEXT_BYTES:]
    return None
