"""Hostile input, generated: any file and any cell end in rows or in a Chinese FileError / row
error — never another exception, never a half-written import, and no reading that grows faster
than the input."""

import csv
import io
from datetime import datetime

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.core.stages import apply
from fanzha.imports import cells, readers, registry
from fanzha.imports.errors import FileError
from fanzha.imports.runner import run_import
from fanzha.imports.tests.xlsx_packages import inline, shared, write

KNOWN = {"案件编号", "简要案情"}
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
CSV_TEXT = st.text(alphabet='ab,"\n\r 案１X', max_size=60)


def _read_all(path) -> int | None:
    """Rows read, or None for a FileError: any other exception fails the test."""
    try:
        sheet = readers.read_table(path, KNOWN)
    except FileError:
        return None
    try:
        return sum(batch.height for batch in sheet.batches(7))
    except FileError:
        return None
    finally:
        sheet.close()


@FEW
@given(
    st.one_of(
        st.binary(max_size=400),
        CSV_TEXT.map(lambda t: t.encode()),
        CSV_TEXT.map(lambda t: t.encode("gb18030")),
    )
)
def test_any_csv_is_rows_or_a_file_error(tmp_path, content):
    path = tmp_path / "any.csv"
    path.write_bytes("案件编号,简要案情\n".encode() + content)
    _read_all(path)


@FEW
@given(st.binary(max_size=200), st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_any_xlsx_is_rows_or_a_file_error(tmp_path, noise, at, patch):
    """Arbitrary bytes, and a real package with a few bytes overwritten anywhere."""
    path = tmp_path / "any.xlsx"
    path.write_bytes(noise)
    _read_all(path)
    real = write(
        tmp_path / "real.xlsx",
        [[inline("A1", "案件编号"), inline("B1", "简要案情")], [inline("A2", "A1"), shared("B2", 0)]],
        ["案情"],
    )
    data = bytearray(real.read_bytes())
    at %= len(data)
    data[at : at + len(patch)] = patch
    path.write_bytes(bytes(data))
    _read_all(path)


def _naive_record_end(block: bytes, start: int = 0) -> int:
    """The definition: the last newline with an even number of quotes before it."""
    for position in range(len(block) - 1, start - 1, -1):
        if block[position : position + 1] == b"\n" and block.count(b'"', 0, position) % 2 == 0:
            return position + 1
    return -1


@settings(max_examples=100, deadline=None)
@given(CSV_TEXT.map(lambda t: t.encode()), st.integers(0, 12))
def test_record_boundaries_match_their_definition(block, count):
    assert readers._record_end(block) == _naive_record_end(block)
    boundaries = [0] + [
        p + 1 for p in range(len(block)) if block[p : p + 1] == b"\n" and block.count(b'"', 0, p) % 2 == 0
    ]
    assert readers._skip_records(block, count) == (
        boundaries[count] if count < len(boundaries) else len(block)
    )


def test_a_200_kb_csv_of_quotes_and_newlines_is_read_or_refused_in_one_pass(tmp_path):
    """Lone quotes before every newline: each line boundary flips the quote parity."""
    path = tmp_path / "quotes.csv"
    path.write_bytes("案件编号,简要案情\n".encode() + b'A,"\n' * 50_000)
    assert _read_all(path) == 25_000  # each pair of lines is one record: A and a quoted "\nA,"


EARLIEST, LATEST = datetime(2000, 1, 1), datetime(2030, 1, 1)
PARSERS = [
    lambda s: cells.text(s, "v", "e", 10, fold_width=True),
    lambda s: cells.integer(s, "v", "e", 0, 120),
    lambda s: cells.local_datetime(s, "v", "e", EARLIEST, LATEST),
    lambda s: cells.local_date(s, "v", "e", EARLIEST, LATEST),
    lambda s: cells.choice(s, "v", "e", {"是": "y", "否": "n"}, "是、否"),
    lambda s: cells.lookup(s, "v", "e", {"东风村": 1}, {"新村": "青山镇/新村、河东街道/新村"}, "发案地"),
    lambda s: cells.boolean(s, "v", "e"),
    lambda s: cells.required(cells.text(s, "v", "e"), s),
]
CELL = st.one_of(st.none(), TEXT, st.text(alphabet="0123456789-/.:年月日时分秒 T万元是否√×", max_size=25))


@settings(max_examples=80, deadline=None)
@given(st.lists(CELL, max_size=8))
def test_cell_parsers_never_raise_and_leave_no_value_beside_an_error(texts):
    frame = pl.DataFrame({"x": texts}, schema={"x": pl.String})
    for parser in PARSERS:
        out = apply(frame, parser(pl.col("x")))
        for value, error in zip(out["v"].to_list(), out["e"].to_list(), strict=True):
            assert error is None or (isinstance(error, str) and error and value in (None, ""))
    frame.select(cells.split_list(pl.col("x")))


def _ledger(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["案件编号", "报案时间", "发案地", "诈骗类型", "损失金额", "身份证号", "联系电话"])
    writer.writerows(rows)
    return out.getvalue().encode()


LEDGER_ROW = st.tuples(
    st.sampled_from(["H1", "H2", "H3", "", "H1 "]),
    st.sampled_from(["2024-03-05 14:20", "2024/3/5", "昨天", ""]),
    st.sampled_from(["361123100200", "东风村", "新村", "无此村"]),
    st.sampled_from(["刷单返利", "无此类型"]),
    st.sampled_from(["12.5", "1.2万元", "-3", "abc", ""]),
    st.sampled_from(["11010519491231002X", "110105194912310021", ""]),
    st.sampled_from(["13800138000", "123", ""]),
)


@pytest.mark.django_db
@FEW
@given(st.lists(LEDGER_ROW, min_size=1, max_size=6), st.booleans())
def test_an_import_writes_all_its_rows_or_none(county, tmp_path, rows, stray_quote):
    content = _ledger(rows) + (b'H9,"2024-03-05\n' if stray_quote else b"")
    path = tmp_path / "ledger.csv"
    path.write_bytes(content)
    before = set(Case.objects.values_list("case_number", "loss_fen"))
    result = run_import(CaseImporter(None), path)
    after = set(Case.objects.values_list("case_number", "loss_fen"))
    if result.errors:
        assert not result.committed and after == before
    else:
        assert (
            result.committed
            and result.counts.created + result.counts.updated + result.counts.unchanged == result.total
        )


LEDGER_APPS = ("orgs", "cases", "prevention", "warnings", "keypersons")
PLAUSIBLE = st.sampled_from(
    [
        "",
        "361123100200",
        "东风村",
        "青山镇/新村",
        "361123S01",
        "县第一中学",
        "2024-03-05",
        "2024/3/5 14:20",
        "45356",
        "12.5",
        "1.2万元",
        "-3",
        "11010519491231002X",
        "13800138000",
        "高",
        "村",
        "刷单返利",
        "=1+1",
        '"',
        "\n",
    ]
)


def _ledger_rows() -> int:
    from django.apps import apps

    return sum(
        model.objects.count() for app in LEDGER_APPS for model in apps.get_app_config(app).get_models()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(registry.CLASSES))
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same cases in every CI run
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_every_importer_writes_all_its_rows_or_none(county, tmp_path, kind, data):
    """Any cells under an importer's own headers: a result, never another exception; rejected means
    nothing written."""
    importer = registry.importer_class(kind)
    headers = list(importer.headers)
    rows = data.draw(
        st.lists(
            st.lists(st.one_of(PLAUSIBLE, TEXT), min_size=len(headers), max_size=len(headers)),
            min_size=1,
            max_size=4,
        )
    )
    out = io.StringIO()
    csv.writer(out).writerows([headers, *rows])
    path = tmp_path / f"{kind}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    before = _ledger_rows()
    result = run_import(importer(None), path)
    if not result.committed:
        assert result.errors and _ledger_rows() == before
    else:
        assert result.counts.created + result.counts.updated + result.counts.unchanged == result.total


def test_a_control_character_in_a_rejected_cell_does_not_break_the_error_workbook(tmp_path):
    """Found by the test above: openpyxl refuses \\x08 (XML cannot hold it), and the whole workbook failed."""
    from openpyxl import load_workbook

    from fanzha.imports.errors import RowError
    from fanzha.imports.workbook import write_error_workbook

    rejected = pl.DataFrame({"_row": [2], "c0": ["A\x08B"], "c1": ["=1+1"]})
    path = write_error_workbook(
        tmp_path / "e.xlsx", ["案件编号", "发案地"], rejected, [RowError(2, "案件编号", "「A\x08B」不对")]
    )
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[2]] == [2, "A\ufffdB", "'=1+1", "第2行「案件编号」：「A\ufffdB」不对"]


def test_a_nul_character_is_dropped_from_every_cell(county, tmp_path):
    """Found by the importer test above on PostgreSQL: a NUL in a cell failed the whole import (no
    text column and no JSON error list there can hold one)."""
    path = tmp_path / "nul.csv"
    path.write_text(
        "案件编号,报案时间,发案地,诈骗类型,简要案情\nN\x001,2024-03-05,东风村,刷单返利,被\x00骗\nN2,昨天,东风村,刷单返利,\x00\n",
        encoding="utf-8",
    )
    result = run_import(CaseImporter(None), path)
    assert [str(e) for e in result.errors] == [
        "第3行「报案时间」：无法识别的日期时间「昨天」（可写 2024-03-05 14:20、2024/3/5、2024年3月5日）"
    ]
    partial = run_import(CaseImporter(None), path, partial=True)
    assert partial.committed and Case.objects.get().narrative == "被骗"
    assert Case.objects.get().case_number == "N1"
