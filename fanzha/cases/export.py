"""Exporting the (filtered) case list as Excel or CSV, masked unless the user may and asks to
see personal data in clear; every export is written to the access log either way."""

import csv
import io

from django.http import StreamingHttpResponse
from django.utils import timezone

from fanzha.cases.pii import MASKS
from fanzha.core.money import format_yuan

COLUMNS = [
    ("案件编号", lambda c: c.case_number),
    ("报案时间", lambda c: timezone.localtime(c.reported_at).strftime("%Y-%m-%d %H:%M")),
    (
        "发案时间",
        lambda c: timezone.localtime(c.occurred_at).strftime("%Y-%m-%d %H:%M") if c.occurred_at else "",
    ),
    ("乡镇/街道", lambda c: c.town.name if c.town_id else ""),
    ("发案地", lambda c: c.place.name),
    ("派出所", lambda c: c.station.name),
    ("诈骗类型", lambda c: c.fraud_type.name),
    ("损失金额", lambda c: format_yuan(c.loss_fen, grouping=False)),
    ("挽损金额", lambda c: format_yuan(c.recovered_fen, grouping=False)),
    ("诈骗渠道", lambda c: c.get_channel_display()),
    ("受害人姓名", lambda c: c.victim_name),
    ("身份证号", "victim_id_number"),
    ("联系电话", "victim_phone"),
    ("性别", lambda c: c.get_victim_sex_display()),
    ("年龄", lambda c: c.victim_age if c.victim_age is not None else ""),
    ("人群类别", lambda c: c.get_victim_group_display()),
    ("工作单位", lambda c: c.employer.name if c.employer_id else ""),
    ("与单位关系", lambda c: c.get_employer_relation_display()),
    ("简要案情", lambda c: c.narrative),
    ("案件状态", lambda c: c.get_status_display()),
    ("是否接受过宣传", lambda c: c.get_prior_outreach_display()),
    ("案事件编号", lambda c: c.external_number),
]


def rows(queryset, clear: bool):
    yield [title for title, _ in COLUMNS]
    for case in queryset.select_related("place", "town", "station", "fraud_type", "employer").iterator(
        chunk_size=2000
    ):
        row = []
        for _, getter in COLUMNS:
            if isinstance(getter, str):
                value = getattr(case, getter)
                row.append(value if clear else MASKS[getter](value))
            else:
                row.append(getter(case))
        yield row


def csv_response(queryset, clear: bool, filename: str) -> StreamingHttpResponse:
    def stream():
        yield "\ufeff"  # Excel on Windows reads UTF-8 CSV correctly only with a BOM
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows(queryset, clear):
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.csv"
    return response


def xlsx_response(queryset, clear: bool, filename: str):
    import tempfile

    import xlsxwriter
    from django.http import FileResponse

    handle = tempfile.TemporaryFile()
    book = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet("案件台账")
    text = book.add_format({"num_format": "@"})
    bold = book.add_format({"bold": True})
    for index, row in enumerate(rows(queryset, clear)):
        for col, value in enumerate(row):
            if index == 0:
                sheet.write_string(0, col, str(value), bold)
            elif isinstance(value, int):
                sheet.write_number(index, col, value)
            else:
                sheet.write_string(index, col, str(value), text)
    sheet.freeze_panes(1, 0)
    book.close()
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
