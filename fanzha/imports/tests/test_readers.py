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
