import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanzha.accounts.models import User
from fanzha.imports import jobs
from fanzha.imports.registry import CLASSES


class Command(BaseCommand):
    help = (
        "导入台账：fanzha import orgs|cases|visits|activities|registrations|warnings|keypersons "
        "文件.xlsx|文件.csv [--partial] [--dry-run]。"
        "默认全部正确才导入；--partial 只导入正确的行。全部行都导入成功时退出码为 0。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=list(CLASSES),
            help="orgs=组织机构，cases=案件台账，visits=入户走访，activities=宣防活动，registrations=App注册，"
            "warnings=预警信息，keypersons=重点人员",
        )
        parser.add_argument("file")
        parser.add_argument("--partial", action="store_true", help="只导入正确的行，报告其余的行")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", help="以哪个用户的身份导入（决定管辖范围并记入审计），默认为系统")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, kind, file, partial, dry_run, user, format, **options):
        actor = None
        if user:
            actor = User.objects.filter(username=user).select_related("org").first()
            if actor is None:
                raise CommandError(f"用户「{user}」不存在")
        started = time.perf_counter()
        show_progress = format == "text" and sys.stderr.isatty()

        def progress(done, total):
            if show_progress:
                sys.stderr.write(f"\r已处理 {done:,}/{total:,} 行")
                sys.stderr.flush()

        path = Path(file)
        try:  # one import at a time writes the ledger (a preview only reads)
            job = jobs.open_job(kind, actor, path.name, partial, dry_run)
        except jobs.ImportBusy as busy:
            raise CommandError(str(busy)) from None
        result = jobs.execute(job, actor, path, progress=progress)
        elapsed = time.perf_counter() - started
        if show_progress:
            sys.stderr.write("\n")
        if format == "json":
            self.stdout.write(
                json.dumps(result.as_dict() | {"seconds": round(elapsed, 3)}, ensure_ascii=False)
            )
        else:
            for error in result.errors:
                self.stdout.write(str(error))
            for remark in result.warnings:
                self.stdout.write(f"提醒：{remark}")
            verdict = (
                "已导入" if result.committed else ("校验完成（未写入）" if dry_run else "未导入任何数据")
            )
            self.stdout.write(
                f"{verdict}：共 {result.total} 行，新增 {result.counts.created}，更新 {result.counts.updated}，"
                f"无变化 {result.counts.unchanged}，有错误 {result.rejected_rows} 行；用时 {elapsed:.1f} 秒"
            )
            for note in result.notes:
                self.stdout.write(note)
            if result.unknown_headers:
                self.stdout.write("未识别、已忽略的列：" + "、".join(result.unknown_headers))
            if result.error_workbook:
                self.stdout.write(f"错误标注文件：{result.error_workbook}")
        if result.errors:
            sys.exit(1)
