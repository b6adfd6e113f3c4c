"""Streaming a table out as Excel or CSV (UTF-8 with a BOM, so Excel on Windows reads it). The caller
gives the rows, header first, already masked as the user may see them, with typed values: numbers as
int/Decimal, amounts as `xlsx.Money`, rates as `xlsx.Percent`, dates and times as date/datetime
(see core/xlsx.py). Every text cell goes through `formulas.neutralise`, so a cell never runs as a
formula. Both formats stream: the download starts with the first rows."""

import csv
import io
from collections.abc import Iterable
from urllib.parse import quote

from django.http import StreamingHttpResponse

from fanzha.core import xlsx
from fanzha.core.formulas import neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response, filename: str) -> StreamingHttpResponse:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    def stream():
        yield "\ufeff"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(
                [neutralise(value if type(value) is str else xlsx.text_of(value)) for value in row]
            )
            if buffer.tell() > 1 << 16:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{filename}.csv")


def xlsx_response(rows: Iterable[list], filename: str, sheet_name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(xlsx.stream(rows, sheet_name), content_type=XLSX_TYPE)
    return _attachment(response, f"{filename}.xlsx")


def cells(record: dict, columns: list[tuple[str, str]]) -> list:
    """A statistics row (a dict whose rates are text, keys ending in `_pct`) as typed cells in the
    order of `columns`: a rate becomes an `xlsx.Percent`, None an empty cell, the rest as it is."""
    row = []
    for key, _ in columns:
        value = record.get(key)
        if value is not None and key.endswith("_pct"):
            value = xlsx.Percent(str(value))
        row.append(value)
    return row
