"""`fanzha warnings`: the verification orders, for the periodic job and for scripts.

fanzha warnings --overdue [--format json|csv|table]   orders past their first-contact deadline
fanzha warnings --escalate                            stamp new overdue orders as escalated to the station
fanzha warnings --stats --period 2024-03 [--by station|village]"""

from django.core.management.base import BaseCommand, CommandError

from fanzha.core import clock
from fanzha.core.periods import PeriodError, beijing_text, parse_period
from fanzha.core.tabular import render
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


class Command(BaseCommand):
    help = "核查指令：--overdue 列出超时未联系的指令；--escalate 将新超时的指令升级至派出所；--stats 统计"

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--overdue", action="store_true")
        action.add_argument("--escalate", action="store_true")
        action.add_argument("--stats", action="store_true")
        parser.add_argument("--period", help="统计期间，如 2024-03")
        parser.add_argument("--by", default="station", choices=list(stats.GROUPS))
        parser.add_argument("--format", default="table", choices=["json", "csv", "table"])

    def handle(self, *args, overdue, escalate, period, by, format, **options):
        now = clock.now()
        if escalate:
            count = services.escalate_overdue(now)
            self.stdout.write(f"新升级至派出所的超时指令：{count} 条")
            return
        if options["stats"]:
            try:
                span = parse_period(period or "")
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
            rows = stats.order_stats(VerificationOrder.objects.all(), span, by, now)
            columns = [(key, key) for key in rows[0]] if rows else [("name", "单位")]
            self.stdout.write(render(rows, columns, format))
            return
        late = (
            services.overdue(now=now).select_related("warning", "assigned_to", "station").order_by("deadline")
        )
        rows = [
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
        self.stdout.write(render(rows, OVERDUE_COLUMNS, format))
