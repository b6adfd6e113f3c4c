from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fanzha.backup.database import DatabaseError
from fanzha.backup.service import take_backup
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary


class Command(BaseCommand):
    help = (
        "备份：数据库（SQLite 在线备份或 pg_dump）、上传文件与佐证材料、密钥，打包为一个带校验和的 "
        "fanzha-backup-日期-时间.tar.gz。fanzha backup [--out 目录]"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", help="备份文件存放目录（默认：数据目录下的 backups/；建议放在另一块磁盘）"
        )
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, out, format, **options):
        out_dir = Path(out) if out else Path(settings.DATA_DIR) / "backups"
        try:
            target, manifest = take_backup(out_dir)
        except (DatabaseError, OSError) as error:
            raise CommandError(f"备份失败：{error}") from None
        size = target.stat().st_size
        text = f"已备份到 {target}（{len(manifest['members'])} 个文件，{size / 1024 / 1024:.1f} MB）"
        outcome = {"archive": str(target), "files": len(manifest["members"]), "bytes": size}
        self.stdout.write(summary(outcome, text, format))
