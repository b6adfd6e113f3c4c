from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fanzha.backup.archive import ArchiveError
from fanzha.backup.database import DatabaseError
from fanzha.backup.service import RestoreError, restore_backup


class Command(BaseCommand):
    help = (
        "从备份恢复：先核对每个文件的校验和，损坏的备份一律拒绝；当前数据库已有数据时须加 --force。"
        "fanzha restore 备份文件.tar.gz [--force]"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="fanzha backup 生成的 .tar.gz 文件")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据的数据库")

    def handle(self, *args, archive, force, **options):
        try:
            manifest = restore_backup(Path(archive), force=force)
        except (ArchiveError, DatabaseError, RestoreError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"已从 {Path(archive).name} 恢复（备份时间 {manifest.get('created_at', '')}，"
            f"恢复文件 {manifest['files_restored']} 个）。备份若来自旧版本，下次 fanzha serve 启动时会自动升级数据库结构。"
        )
