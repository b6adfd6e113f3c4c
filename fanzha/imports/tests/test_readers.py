import pytest

from fanzha.imports import readers
from fanzha.imports.errors import FileError

KNOWN = {"案件编号", "简要案情"}


def _rows(sheet, size=1000):
    return [row for batch in sheet.batches(size) for row in batch.select("_row", "c0", "c1").iter_rows()]


@pytest.mark.parametrize("block", [16, 40, 64, 1 << 20])
def test_blocks_cut_only_between_records(tmp_path, monkeypatch, block):
    """Quoted cells with newlines, doubled quotes and a record longer than a block survive any cut."""
    monkeypatch.setattr(readers, "BLOCK_BYTES", block)
    records = [
        ("A1", "一行"),
        ("A2", "第一行\n第二行，含逗号"),
        ("A3", 'He said ""hi""\n' * 5),
        ("A4", "末行"),
    ]
    lines = ["示范县案件台账,", "案件编号,简要案情"]
    lines += [f'{number},"{text}"' for number, text in records]
    path = tmp_path / "l.csv"
    path.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end
    got = _rows(readers.read_table(path, KNOWN), size=2)
    assert [(r, n) for r, n, _ in got] == [(3, "A1"), (4, "A2"), (5, "A3"), (6, "A4")]
    assert got[1][2] == "第一行\n第二行，含逗号"
    assert got[2][2] == 'He said "hi"\n' * 5


def test_blank_rows_are_dropped_but_keep_their_numbers(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("案件编号,简要案情\nA1,x\n,\nA2,y\n", encoding="utf-8")
    assert [(r, n) for r, n, _ in _rows(readers.read_table(path, KNOWN))] == [(2, "A1"), (4, "A2")]


def test_a_ragged_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("案件编号,简要案情\nA1,x\nA2,y,z,w\n", encoding="utf-8")
    with pytest.raises(FileError, match="第3行有4列，表头有2列"):
        _rows(readers.read_table(path, KNOWN))


def test_other_file_types_are_refused_with_a_reason(tmp_path):
    with pytest.raises(FileError, match="另存为 .xlsx"):
        readers.read_table(tmp_path / "old.xls", KNOWN)
    with pytest.raises(FileError, match="不支持的文件类型"):
        readers.read_table(tmp_path / "x.pdf", KNOWN)


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path, db, capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit):
        call_command("import", "cases", str(tmp_path / "nope.csv"))
    assert f"文件：找不到文件「{tmp_path / 'nope.csv'}」" in capsys.readouterr().out


ID_NUMBER = "110101199003071234"


def _stray_quote_csv(path, lines=4000):
    """A ledger of about 300 KB whose third line opens a quote that never closes."""
    rows = ["案件编号,简要案情"] + [f"A{i},受害人身份证{ID_NUMBER}，电话13800138000" for i in range(lines)]
    rows[2] = 'A1,"受害人称'
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_stray_quote_is_named_by_its_line_and_no_cell_goes_into_the_error(tmp_path):
    path = _stray_quote_csv(tmp_path / "q.csv")
    assert path.stat().st_size > 200_000  # past the csv module's field limit (128 KB)
    with pytest.raises(FileError) as caught:
        _rows(readers.read_table(path, KNOWN))
    assert str(caught.value) == (
        '第3行的英文双引号（"）没有成对闭合，其后的内容都会被当作同一个单元格：'
        "请检查这一行的引号，或在 Excel 中打开后重新另存为 CSV"
    )
    assert ID_NUMBER not in _chained_messages(caught.value)  # a traceback in the log shows the whole chain


def _chained_messages(exc: BaseException | None) -> str:
    """Every message a traceback of `exc` would print (the causes and contexts it carries)."""
    messages = []
    while exc is not None:
        messages.append(str(exc))
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return "\n".join(messages)


@pytest.mark.parametrize("block", [64, 1 << 20])
def test_a_quote_left_open_in_a_later_block_is_named_by_its_line(tmp_path, monkeypatch, block):
    monkeypatch.setattr(readers, "BLOCK_BYTES", block)
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 4 * block)
    rows = (
        ["案件编号,简要案情"]
        + [f'A{i},"第{i}条，含逗号"' for i in range(50)]
        + ['A50,"未闭合']
        + ["A51,x"] * 50
    )
    path = tmp_path / "late.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(FileError, match="^第52行的英文双引号"):
        _rows(readers.read_table(path, KNOWN))


class _CountingBytes(bytes):
    """A real block that tallies how many bytes its quote counts scan."""

    scanned = 0

    def count(self, sub, start=0, end=None):
        end = len(self) if end is None else end
        _CountingBytes.scanned += max(end - start, 0)
        return super().count(sub, start, end)


def test_finding_a_record_end_after_a_stray_quote_scans_each_byte_a_bounded_number_of_times():
    block = _CountingBytes(b'A1,"x\n' + b"A2,y\n" * 20_000)
    _CountingBytes.scanned = 0
    assert readers._record_end(block) == -1
    assert _CountingBytes.scanned <= 2 * len(block)
    _CountingBytes.scanned = 0
    assert readers._skip_records(block, 10) == len(block)
    assert _CountingBytes.scanned <= 2 * len(block)


def test_a_csv_cell_over_excels_limit_is_named_by_row_and_header(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"案件编号,简要案情\nA1,短\nA2,{'案' * 32_768}\n", encoding="utf-8")
    with pytest.raises(FileError) as caught:
        _rows(readers.read_table(path, KNOWN))
    assert str(caught.value) == "第3行「简要案情」：内容过长（32768个字，一个单元格最多32767个字）"


def test_a_csv_ending_inside_a_character_is_not_taken_for_utf8(tmp_path):
    """Found by test_hostile_input: the last bytes were never checked, and the error report then crashed."""
    path = tmp_path / "cut.csv"
    path.write_bytes("案件编号,简要案情\nA1,x".encode() + b"\xc2")
    with pytest.raises(FileError, match="^无法识别文件编码"):
        _rows(readers.read_table(path, KNOWN))
