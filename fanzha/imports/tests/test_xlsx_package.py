import random
import struct
import zipfile

import pytest

from fanzha.imports import readers, xlsx_package
from fanzha.imports.errors import FileError
from fanzha.imports.xlsx_package import CORRUPT

from .xlsx_packages import inline, shared, write

KNOWN = {"案件编号", "简要案情"}
HEADER = [inline("A1", "案件编号"), inline("B1", "简要案情")]
RATIO = "Excel 文件的压缩比异常（解压后是原来的一百多倍），可能是恶意构造的文件，已拒绝导入"


def _read(path):
    sheet = readers.read_table(path, KNOWN)
    return [row for batch in sheet.batches(1000) for row in batch.rows()]


def _chinese(count: int, seed: int = 1) -> str:
    """Text that compresses about as badly as a narrative: random common characters."""
    chars = random.Random(seed)
    return "".join(chr(chars.randrange(0x4E00, 0x9FA5)) for _ in range(count))


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated(tmp_path):
    pieces = (b"A" * (1 << 20) for _ in range(64))  # one 64 MB cell, packed into about 64 KB
    path = write(tmp_path / "bomb.xlsx", [HEADER], big=(2, "B2", pieces))
    assert path.stat().st_size < 200_000
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == RATIO


def test_a_package_too_large_unpacked_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_package, "MAX_UNPACKED_BYTES", 100_000)
    path = write(tmp_path / "large.xlsx", [HEADER] + [[inline(f"A{n}", f"A{n}")] for n in range(2, 4000)])
    with pytest.raises(FileError, match="^Excel 文件解压后超过 0 MB，无法导入：请拆分成几个文件分别导入$"):
        _read(path)


@pytest.mark.parametrize("limit", ["MAX_DIRECTORY_BYTES", "MAX_PARTS"])
def test_a_zip_directory_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(xlsx_package, limit, 5)
    path = write(tmp_path / "parts.xlsx", [HEADER])
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == xlsx_package.TOO_MANY_PARTS


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused(tmp_path):
    """A zip may lie in its directory; the parser would trust it. Each part is inflated and counted."""
    path = write(tmp_path / "liar.xlsx", [HEADER, [inline("A2", "A1"), inline("B2", _chinese(600_000))]])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    struct.pack_into("<I", data, central + 24, 1000)  # the declared unpacked size: 1000 bytes
    struct.pack_into("<I", data, sheet.header_offset + 22, 1000)
    path.write_bytes(bytes(data))
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT


def test_an_inline_cell_longer_than_a_cell_can_be_is_named_before_parsing(tmp_path):
    text = _chinese(100_000)  # 300 KB of XML: past what 32,767 characters can take
    path = write(tmp_path / "long.xlsx", [HEADER, [inline("A2", "A1"), inline("B2", text)]])
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == "第2行（B列）：内容过长（一个单元格最多32767个字）"


def test_a_long_shared_string_is_named_by_the_cell_that_shows_it(tmp_path):
    rows = [HEADER, [inline("A2", "A1"), shared("B2", 0)], [inline("A3", "A2"), shared("B3", 1)]]
    path = write(tmp_path / "shared.xlsx", rows, shared_strings=["短文本", _chinese(100_000)])
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == "第3行（B列）：内容过长（一个单元格最多32767个字）"


def test_a_cell_over_excels_limit_is_named_by_row_and_header_after_parsing(tmp_path):
    path = write(tmp_path / "over.xlsx", [HEADER, [inline("A2", "A1"), inline("B2", "x" * 32_768)]])
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == "第2行「简要案情」：内容过长（32768个字，一个单元格最多32767个字）"


def test_a_cell_at_excels_limit_is_read(tmp_path):
    text = _chinese(32_767)
    path = write(
        tmp_path / "full.xlsx", [HEADER, [inline("A2", "A1"), shared("B2", 0)]], shared_strings=[text]
    )
    assert _read(path) == [("A1", text, 2)]


@pytest.mark.parametrize(
    "content",
    [b"", b"not a workbook", b"PK\x03\x04" + b"\x00" * 100, bytes(range(256)) * 40],
    ids=["empty", "text", "truncated-zip", "binary"],
)
def test_a_broken_workbook_is_refused_without_the_stored_path(tmp_path, content):
    path = tmp_path / "3f2a9c.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT


def test_a_workbook_fastexcel_cannot_read_is_refused_without_the_stored_path(tmp_path):
    """A sound zip whose parts are not a workbook: the parser's own message names the stored path."""
    path = tmp_path / "3f2a9c.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.xml", "<a/>")
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT


@pytest.mark.parametrize(
    "marker", ["<!DOCTYPE x [<!ENTITY a 'b'>]>", "<![CDATA[<x>]]>", "<!-- <x> -->", "<?pi <x> ?>"]
)
def test_markup_the_parser_holds_whole_is_refused(tmp_path, marker):
    path = write(
        tmp_path / "x.xlsx",
        [
            HEADER,
            [inline("A2", "A1"), b'<c r="B2" t="inlineStr"><is><t>' + marker.encode() + b"</t></is></c>"],
        ],
    )
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT


def test_a_directory_zipfile_cannot_handle_is_refused_as_broken(tmp_path):
    """Found by test_hostile_input: zipfile raises NotImplementedError for an unknown zip version."""
    path = write(tmp_path / "v.xlsx", [HEADER])
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract": 6.4
    path.write_bytes(bytes(data))
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT


def test_a_directory_pointing_before_the_file_is_refused_as_broken(tmp_path):
    """Found by test_hostile_input: a part's local header placed before the start of the file."""
    path = write(tmp_path / "o.xlsx", [HEADER])
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    (directory_offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, directory_offset + 10)  # zipfile shifts every part by -10
    path.write_bytes(bytes(data))
    with pytest.raises(FileError) as caught:
        _read(path)
    assert str(caught.value) == CORRUPT
