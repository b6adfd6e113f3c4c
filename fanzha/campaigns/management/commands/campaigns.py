"""`fanzha campaigns`: the campaigns' milestones, for the daily job and for scripts.

fanzha campaigns due [--within 7] [--format json|csv|table]   open milestones past their deadline or due
                                                              within N days (today included)"""

from django.core.management.base import BaseCommand

from fanzha.campaigns import queries, rules
from fanzha.core.tabular import add_format, render

DUE_COLUMNS = [
    ("id", "编号"),
    ("campaign", "方案"),
    ("phase", "阶段"),
    ("unit_code", "单位代码"),
    ("unit", "责任单位"),
    ("title", "任务"),
    ("deadline", "完成时限"),
    ("state", "状态"),
    ("days_overdue", "超期（天）"),
]


class Command(BaseCommand):
    help = "专项行动：due 列出已逾期或即将到期（默认7天内）的未完成里程碑任务"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="子命令")
        due = commands.add_parser("due", help="已逾期或即将到期的未完成里程碑任务")
        due.add_argument("--within", type=int, default=7, help="列出几天内到期的任务（默认7，含当天）")
        add_format(due)

    def handle(self, *args, action, format, within, **options):
        today = queries.today()
        rows = [
            {
                "id": m.duty_id,
                "campaign": m.phase.campaign.name,
                "phase": m.phase.name,
                "unit_code": m.duty.org.code,
                "unit": m.duty.org.display_name,
                "title": m.duty.title,
                "deadline": m.duty.deadline.isoformat(),
                "state": rules.STATE_LABELS[state],
                "days_overdue": max(0, (today - m.duty.deadline).days),
            }
            for m, state in queries.due(today, max(0, within))
        ]
        self.stdout.write(render(rows, DUE_COLUMNS, format))
