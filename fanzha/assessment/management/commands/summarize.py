import time

from django.core.management.base import BaseCommand

from fanzha.assessment.month_cache import refresh


class Command(BaseCommand):
    help = (
        "重算案件月度汇总中待更新的月份（排名和通报读取该汇总）：fanzha summarize。"
        "读取时也会自动重算；大批量导入后可先运行本命令（或定时运行），让第一次查询不必等待。"
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        months = refresh()
        self.stdout.write(f"已重算 {months} 个月份，用时 {time.perf_counter() - started:.1f} 秒")
