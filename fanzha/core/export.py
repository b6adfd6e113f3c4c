"""Streaming a table out as Excel or CSV (UTF-8 with a BOM, so Excel on Windows reads it). The caller
gives the rows, header first, already masked as the user may see them; every text cell goes through
`formulas.neutralise`, so a cell never runs as a formula."""

import csv
import io
import tempfile
from collections.abc import Iterable
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse

from fanzha.core.formulas import neutralise


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    def stream():
        yield "\ufeff"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([neutralise(value) for value in row])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.csv"
    return response


def xlsx_response(rows: Iterable[list], filename: str, sheet_name: str) -> FileResponse:
    import xlsxwriter

    handle = tempfile.TemporaryFile()
    book = xlsxwriter.Workbook(
        handle,
        {"constant_memory": True, "in_memory": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = book.add_worksheet(sheet_name[:31])
    text = book.add_format({"num_format": "@"})
    bold = book.add_format({"bold": True})
    for index, row in enumerate(rows):
        for col, value in enumerate(row):
            if index == 0:
                sheet.write_string(0, col, neutralise(str(value)), bold)
            elif isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(index, col, value)
            else:
                sheet.write_string(index, col, "" if value is None else neutralise(str(value)), text)
    sheet.freeze_panes(1, 0)
    book.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")
