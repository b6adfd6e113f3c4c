"""`fanzha audit prune --before 2025-01-01 | --keep-days 365 [--format text|json]`: remove change- and
access-log rows older than the cut-off (never younger than six months; see audit/retention.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fanzha.audit.retention import RetentionError, cutoff_for, prune
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--before「{text}」不是日期，应写作 2025-01-01") from None


class Command(BaseCommand):
    help = "审计记录：prune 清理截止日期之前的变更记录和个人信息访问记录（至少保留六个月），供 cron 定时运行"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        pruner = actions.add_parser("prune", help="清理旧的审计记录")
        when = pruner.add_mutually_exclusive_group(required=True)
        when.add_argument("--before", help="清理此日期（北京时间零点）之前的记录，如 2025-01-01")
        when.add_argument("--keep-days", type=int, help="只保留最近 N 天的记录（N ≥ 183）")
        add_format(pruner, SUMMARY_FORMATS)

    def handle(self, *args, action, before, keep_days, format, **options):
        try:
            cutoff = cutoff_for(_day(before) if before else None, keep_days)
        except RetentionError as error:
            raise CommandError(str(error)) from None
        pruned = prune(cutoff)
        day = cutoff.date().isoformat()
        text = f"已清理 {day} 之前的变更记录 {pruned.changes} 条、个人信息访问记录 {pruned.accesses} 条"
        outcome = {"before": day, "change_rows": pruned.changes, "access_rows": pruned.accesses}
        self.stdout.write(summary(outcome, text, format))
