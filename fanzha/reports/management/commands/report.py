import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanzha.core.periods import Period, PeriodError
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary
from fanzha.reports.excel import write_monthly_xlsx
from fanzha.reports.monthly import build_monthly
from fanzha.reports.word import write_monthly_docx


class Command(BaseCommand):
    help = "生成月度通报：fanzha report monthly --period 2024-03 --out 通报.docx [--xlsx 通报.xlsx]"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["monthly"])
        parser.add_argument("--period", required=True, help="月份，如 2024-03（也可为 2024Q1 等）")
        parser.add_argument("--out", required=True, help="Word 文件路径（.docx）")
        parser.add_argument("--xlsx", help="同时输出 Excel 表格")
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, kind, period, out, xlsx, format, **options):
        try:
            chosen = Period.parse(period)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        if not out.lower().endswith(".docx"):
            raise CommandError("--out 应为 .docx 文件")
        started = time.perf_counter()
        report = build_monthly(chosen)
        write_monthly_docx(report, Path(out))
        if xlsx:
            write_monthly_xlsx(report, Path(xlsx))
        text = (
            f"已生成 {out}"
            + (f" 和 {xlsx}" if xlsx else "")
            + f"，用时 {time.perf_counter() - started:.1f} 秒"
        )
        self.stdout.write(summary({"period": str(chosen), "docx": out, "xlsx": xlsx}, text, format))
