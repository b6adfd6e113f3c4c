from django.conf import settings
from django.core.management.base import BaseCommand

from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary
from fanzha.imports import uploads


class Command(BaseCommand):
    help = (
        "删除过期的导入上传文件：从未确认导入的上传文件、没有导入记录的错误标注文件、已结束的导入任务，"
        "保留 FANZHA_UPLOAD_RETENTION_HOURS 小时（默认 24）。供 cron 定时运行。"
    )

    def add_arguments(self, parser):
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, format, **options):
        pruned = uploads.prune()
        text = (
            f"已删除超过 {settings.IMPORT_UPLOAD_RETENTION_HOURS} 小时的过期文件 {pruned.files} 个"
            f"（{pruned.bytes / 1024 / 1024:.1f} MB）、已结束的导入任务 {pruned.jobs} 个"
        )
        outcome = {"files": pruned.files, "bytes": pruned.bytes, "jobs": pruned.jobs}
        self.stdout.write(summary(outcome, text, format))
