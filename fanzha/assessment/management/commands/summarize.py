import time

from django.core.management.base import BaseCommand

from fanzha.assessment.month_cache import refresh
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary


class Command(BaseCommand):
    help = (
        "重算案件月度汇总中待更新的月份（排名和通报读取该汇总）：fanzha summarize。"
        "读取时也会自动重算；大批量导入后可先运行本命令（或定时运行），让第一次查询不必等待。"
    )

    def add_arguments(self, parser):
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, format, **options):
        started = time.perf_counter()
        months = refresh()
        seconds = round(time.perf_counter() - started, 1)
        self.stdout.write(summary({"months": months}, f"已重算 {months} 个月份，用时 {seconds} 秒", format))
