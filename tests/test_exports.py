"""Formula injection (公式注入) in every export: each text field of each exported ledger, and the unit
names every statistics table shows, hold a formula payload; no CSV or Excel cell that comes back may
run as a formula. The ledger exports are found in the URL conf (every URL name ending in `export`),
so a new one is covered, or this test fails until it is."""

import csv
import io
import itertools
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl.cell.cell import TYPE_FORMULA

import fanzha
from fanzha.accounts.models import User
from fanzha.cases.models import Case
from fanzha.core.formulas import TRIGGERS
from fanzha.core.periods import BEIJING
from fanzha.directory.models import Liaison
from fanzha.orgs.models import OrgUnit
from fanzha.warnings.models import VerificationOrder

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
# the exports that are not a ledger's: the view's URL name → the model its rows are
NOT_LEDGERS = {"cases:export": Case, "directory:overview-export": Liaison}
# ledgers with no free-text column (every other export must show a payload, neutralised)
WITHOUT_TEXT = {"prevention:sms-export"}
# exports chosen by ?format= on a page of their own
PAGE_EXPORTS = [
    "/prevention/coverage/?period=2024-03&level=village&format={fmt}",
    "/warnings/stats/?period=2024-03&by=village&format={fmt}",
    "/warnings/stats/?period=2024-03&by=station&format={fmt}",
    "/cases/grades/?period=2024&format={fmt}",
]


def export_urls(resolver=None, prefix="", namespace=""):
    """(URL name, path, the view) of every URL whose name ends in `export`."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from export_urls(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and (entry.name or "").endswith("export"):
            yield f"{namespace}{entry.name}", "/" + prefix + str(entry.pattern), entry.callback


def unescaped(cell: str) -> bool:
    """Text a spreadsheet would run: it begins with = + - @ tab or CR and is not just a number."""
    return cell.startswith(TRIGGERS) and not re.fullmatch(r"[+-]?\d[\d,]*(\.\d+)?%?", cell)


class Seeder:
    """One row of a model with every free-text field holding a payload, made through the ORM; its
    foreign keys point at the payload unit, the county administrator or a seeded row of their own."""

    def __init__(self, unit: OrgUnit, user: User):
        self.unit, self.user = unit, user
        self.payloads = itertools.cycle(PAYLOADS)
        self.made: dict[type, models.Model] = {}

    def row(self, model):
        if model in self.made:
            return self.made[model]
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            value = self.value(model, field)
            if value is not None:
                values[field.name] = value
        self.made[model] = model.objects.create(**values)
        return self.made[model]

    def value(self, model, field):
        if field.is_relation:
            target = field.related_model
            if target is OrgUnit:
                return self.unit
            if target is User:
                return self.user
            if target is model:
                return None
            return self.row(target)
        if field.choices:
            return field.choices[0][0]
        if isinstance(field, models.CharField | models.TextField):
            return next(self.payloads)[: field.max_length]
        if field.has_default() or field.null:
            return None
        if isinstance(field, models.DateTimeField):
            return datetime(2024, 3, 5, 9, 30, tzinfo=BEIJING)
        if isinstance(field, models.DateField):
            return date(2024, 3, 5)
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            return 1
        return None


@pytest.fixture
def payload_unit(county):
    """A village named with a payload, under a town and a station named with payloads; the other
    station is named with a web address (xlsxwriter's write() would make it a link)."""
    county["town"].name, county["s1"].name, county["s2"].name = "+1+1", "@SUM(A1)", "http://x.example/"
    for unit in ("town", "s1", "s2"):
        county[unit].save()
    return OrgUnit.objects.create(
        code="361123100299",
        name='=HYPERLINK("http://x","y")',
        kind="village",
        parent=county["town"],
        station=county["s1"],
    )


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def cells_of(content: bytes, fmt: str) -> list[str]:
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == TYPE_FORMULA] == []
    return [c.value for c in cells if isinstance(c.value, str)]


def payloads_out(cells: list[str], where: str) -> set[str]:
    """The payloads that came out, neutralised; none may come out as they went in. A village's
    display name begins with its town's (「+1+1」 then the village's payload): it counts as the first."""
    assert [c for c in cells if unescaped(c)] == [], where
    return {p for c in cells if c.startswith("'") for p in PAYLOADS if c[1:].startswith(p)}


def assert_neutralised(cells: list[str], where: str) -> None:
    assert payloads_out(cells, where), f"{where}: no payload came out"


def test_every_spreadsheet_writer_neutralises():
    """A new CSV or Excel writer anywhere in the code base uses core/formulas.py too."""
    writes = re.compile(
        r"csv\.writer|csv\.DictWriter|^import xlsxwriter|xlsxwriter\.Workbook|openpyxl import .*Workbook",
        re.M,
    )
    root = Path(fanzha.__file__).parent
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts]
    writers = {str(p.relative_to(root)): p.read_text() for p in sources if writes.search(p.read_text())}
    assert len(writers) >= 4
    assert [name for name, text in writers.items() if "neutralise" not in text] == []


def test_every_export_url_is_known():
    names = {name for name, _, view in export_urls() if not hasattr(view, "__self__")}
    assert names == set(NOT_LEDGERS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_ledger_export_neutralises_formulas(users, client_for, payload_unit, fmt):
    seeder = Seeder(payload_unit, users["county_admin"])
    client = client_for("county_admin")
    exports = list(export_urls())
    assert len(exports) >= 14
    silent = set()
    for name, url, view in exports:
        model = view.__self__.model if hasattr(view, "__self__") else NOT_LEDGERS[name]
        seeder.row(model)
        response = client.get(url, {"format": fmt, "clear": "1"})
        assert response.status_code == 200, url
        content = content_of(response)
        if fmt == "csv":
            assert len(content.decode("utf-8-sig").splitlines()) >= 2, f"{url}: the seeded row is missing"
        if not payloads_out(cells_of(content, fmt), url):
            silent.add(name)
    assert silent == WITHOUT_TEXT


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_statistics_exports_neutralise_unit_names(users, client_for, payload_unit, fmt):
    seeder = Seeder(payload_unit, users["county_admin"])
    seeder.row(Case)
    seeder.row(VerificationOrder)
    client = client_for("county_admin")
    for url in PAGE_EXPORTS:
        response = client.get(url.format(fmt=fmt))
        assert response.status_code == 200, url
        assert_neutralised(cells_of(content_of(response), fmt), url)


def test_ranking_csv_on_the_web_and_the_cli_neutralises_unit_names(users, client_for, payload_unit, capsys):
    from django.core.management import call_command

    response = client_for("county_admin").get("/assessment/ranking/?period=2024-03&level=station&export=csv")
    assert response.status_code == 200
    assert_neutralised(cells_of(content_of(response), "csv"), "ranking")
    call_command("ranking", "--period", "2024-03", "--level", "station", "--format", "csv")
    printed = [c for row in csv.reader(io.StringIO(capsys.readouterr().out)) for c in row]
    assert_neutralised(printed, "fanzha ranking --format csv")


def test_monthly_report_xlsx_and_docx(users, client_for, payload_unit):
    from docx import Document

    Seeder(payload_unit, users["county_admin"]).row(Case)
    client = client_for("county_admin")
    xlsx = client.get("/reports/monthly/", {"period": "2024-03", "format": "xlsx"})
    assert xlsx.status_code == 200
    content = content_of(xlsx)
    assert_neutralised(cells_of(content, "xlsx"), "monthly xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "http://x.example/" in cells_of(content, "xlsx")
    assert [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.hyperlink] == []
    docx = client.get("/reports/monthly/", {"period": "2024-03", "format": "docx"})
    assert docx.status_code == 200
    body = Document(io.BytesIO(content_of(docx))).element.xml
    assert 'HYPERLINK("http://x"' in body.replace("&quot;", '"')  # the unit name is there, as text
    assert "w:fldSimple" not in body and "w:instrText" not in body and "w:hyperlink" not in body


def test_error_workbook_neutralises_what_the_file_held(tmp_path):
    from fanzha.imports.errors import RowError
    from fanzha.imports.workbook import write_error_workbook

    headers = ["案件编号", '=HYPERLINK("http://x","y")', "损失金额"]
    rejected = pl.DataFrame(
        {"_row": [2, 3], "c0": ["=1+1", "@SUM(A1)"], "c1": ["\t=1", "+1+1"], "c2": ["-2+3", "-12.50"]}
    )
    errors = [RowError(2, "损失金额", "应为金额"), RowError(3, "案件编号", "重复"), RowError(0, "", "=文件")]
    book = openpyxl.load_workbook(write_error_workbook(tmp_path / "e.xlsx", headers, rejected, errors))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == TYPE_FORMULA] == []
    sheet = book["未导入的行"]
    assert [c.value for c in sheet[1]] == [
        "原行号",
        "案件编号",
        '\'=HYPERLINK("http://x","y")',
        "损失金额",
        "错误说明",
    ]
    assert [c.value for c in sheet[2]][:4] == [2, "'=1+1", "'\t=1", "'-2+3"]
    assert [c.value for c in sheet[3]][:4] == [3, "'@SUM(A1)", "'+1+1", "-12.50"]
    assert book["其他错误"]["A2"].value == "文件：=文件"


def test_error_workbook_of_an_uploaded_file(county, tmp_path):
    from fanzha.cases.importers import CaseImporter
    from fanzha.cases.tests.ledgers import HEADER, row, write_csv
    from fanzha.imports.runner import run_import

    bad = row(name="@SUM(A1)", loss="-2+3", narrative='=HYPERLINK("http://x","y")')
    result = run_import(CaseImporter(None), write_csv(tmp_path / "台账.csv", HEADER, [bad]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "损失金额")]
    book = openpyxl.load_workbook(result.error_workbook)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == TYPE_FORMULA] == []
    written = [c.value for c in book["未导入的行"][2]]
    assert written[5:7] == ["'-2+3", "'@SUM(A1)"]  # 损失金额, 受害人姓名
    assert written[10] == '\'=HYPERLINK("http://x","y")'  # 简要案情
