"""`fanzha warnings`: the verification orders, for the periodic job and for scripts.

fanzha warnings overdue [--format json|csv|table]       orders past their first-contact deadline
fanzha warnings escalate [--format text|json]           stamp new overdue orders as escalated to the station (cron)
fanzha warnings stats --period 2024-03 [--by station|village] [--format json|csv|table]"""

from django.core.management.base import BaseCommand, CommandError

from fanzha.core import clock
from fanzha.core.periods import PeriodError, beijing_text, parse_period
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, render, summary
from fanzha.warnings import services, stats
from fanzha.warnings.models import VerificationOrder

OVERDUE_COLUMNS = [
    ("external_id", "预警编号"),
    ("level", "等级"),
    ("received_at", "预警时间"),
    ("deadline", "联系时限"),
    ("minutes_overdue", "超时（分钟）"),
    ("assigned_to", "责任单位代码"),
    ("assigned_to_name", "责任单位"),
    ("station", "派出所"),
    ("status", "状态"),
    ("escalated", "已升级"),
]
STATS_COLUMNS = [
    ("code", "代码"),
    ("name", "单位"),
    ("total", "指令数"),
    ("signed", "已签收"),
    ("done", "已办结"),
    ("overdue", "超时未联系"),
    ("late_contact", "超时联系"),
    ("dissuaded", "劝阻成功"),
    ("defrauded", "已被骗"),
    ("unreachable", "无法联系"),
    ("false_alarm", "误报"),
    ("success_rate_pct", "劝阻成功率%"),
    ("minutes_to_sign", "平均签收（分钟）"),
    ("minutes_to_contact", "平均联系（分钟）"),
]


class Command(BaseCommand):
    help = "核查指令：overdue 列出超时未联系的指令；escalate 将新超时的指令升级至派出所；stats 按单位统计"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add_format(actions.add_parser("overdue", help="超时未联系的核查指令"))
        add_format(
            actions.add_parser("escalate", help="将新超时的指令升级至派出所（供 cron 定时运行）"),
            SUMMARY_FORMATS,
        )
        counts = actions.add_parser("stats", help="劝阻统计")
        counts.add_argument("--period", required=True, help="统计期间，如 2024-03")
        counts.add_argument("--by", default="station", choices=list(stats.GROUPS))
        add_format(counts)

    def handle(self, *args, action, format, **options):
        now = clock.now()
        if action == "escalate":
            count = services.escalate_overdue(now)
            self.stdout.write(summary({"escalated": count}, f"新升级至派出所的超时指令：{count} 条", format))
        elif action == "stats":
            try:
                span = parse_period(options["period"])
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
            rows = stats.order_stats(VerificationOrder.objects.all(), span, options["by"], now)
            self.stdout.write(render(rows, STATS_COLUMNS, format))
        else:
            self.stdout.write(render(overdue_rows(now), OVERDUE_COLUMNS, format))


def overdue_rows(now) -> list[dict]:
    late = services.overdue(now=now).select_related("warning", "assigned_to", "station").order_by("deadline")
    return [
        {
            "external_id": order.warning.external_id,
            "level": order.warning.get_level_display(),
            "received_at": beijing_text(order.warning.received_at),
            "deadline": beijing_text(order.deadline),
            "minutes_overdue": int((now - order.deadline).total_seconds() // 60),
            "assigned_to": order.assigned_to.code,
            "assigned_to_name": order.assigned_to.name,
            "station": order.station.code if order.station_id else "",
            "status": order.get_status_display(),
            "escalated": order.escalated_at is not None,
        }
        for order in late
    ]
