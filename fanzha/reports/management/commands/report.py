import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanzha.core.periods import PeriodError
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary
from fanzha.reports.cadences import CADENCES, get_cadence
from fanzha.reports.content import Content, draft_content
from fanzha.reports.excel import render_xlsx
from fanzha.reports.monthly import build_report
from fanzha.reports.services import BulletinError, document_bytes, issued
from fanzha.reports.word import render_docx


class Command(BaseCommand):
    help = (
        "生成通报：fanzha report monthly|weekly|daily|halfmonth|quarterly|annual --period 2024-03 "
        "--out 通报.docx [--xlsx 通报.xlsx] [--format json]。已签发的期间输出归档原件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(CADENCES), help="通报类别")
        parser.add_argument(
            "--period",
            required=True,
            help="期间：月份 2024-03、季度 2024Q1、年度 2024、日期 2024-03-05 或日期范围 2024-03-04..2024-03-10",
        )
        parser.add_argument("--out", required=True, help="Word 文件路径（.docx）")
        parser.add_argument("--xlsx", help="同时输出 Excel 表格")
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, kind, period, out, xlsx, format, **options):
        cadence = get_cadence(kind)
        try:
            chosen = cadence.parse(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if not out.lower().endswith(".docx"):
            raise CommandError("--out 应为 .docx 文件")
        started = time.perf_counter()
        archived = issued(cadence.key, str(chosen))
        try:
            if archived is not None:
                content = Content.from_json(archived.figures)
                document = document_bytes(archived)
            else:
                content = draft_content(build_report(cadence, chosen))
                document = render_docx(content)
        except BulletinError as error:
            raise CommandError(str(error)) from None
        Path(out).write_bytes(document)
        if xlsx:
            Path(xlsx).write_bytes(render_xlsx(content))
        record = {
            "kind": cadence.key,
            "period": str(chosen),
            "issued": archived is not None,
            "number": archived.number_text if archived else None,
            "sha256": archived.sha256 if archived else None,
            "docx": out,
            "xlsx": xlsx,
            "title": content.title,
            "named": [{k: u[k] for k in ("level", "name", "position", "cases")} for u in content.named],
        }
        source = f"归档的{archived.number_text}" if archived else "草稿"
        text = (
            f"已生成 {out}"
            + (f" 和 {xlsx}" if xlsx else "")
            + f"（{source}），用时 {time.perf_counter() - started:.1f} 秒"
        )
        self.stdout.write(summary(record, text, format))
