"""`fanzha inspections`: the problems inspections found, for the daily job and for scripts.

fanzha inspections overdue [--format json|csv|table]   problems not closed (销号) past their deadline"""

from django.core.management.base import BaseCommand

from fanzha.core.tabular import add_format, render
from fanzha.inspections import queries, services

COLUMNS = [
    ("id", "编号"),
    ("unit_code", "单位代码"),
    ("unit", "被检查单位"),
    ("inspected_on", "检查日期"),
    ("problem", "发现问题"),
    ("deadline", "整改时限"),
    ("days_overdue", "超期（天）"),
    ("state", "状态"),
]


class Command(BaseCommand):
    help = "督导检查：overdue 列出超过整改时限仍未销号的问题"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="子命令")
        add_format(commands.add_parser("overdue", help="超过整改时限仍未销号的问题"))

    def handle(self, *args, action, format, **options):
        today = services.today()
        rows = [
            {
                "id": f.pk,
                "unit_code": f.inspection.org.code,
                "unit": f.inspection.org.display_name,
                "inspected_on": f.inspection.inspected_on.isoformat(),
                "problem": f.problem,
                "deadline": f.deadline.isoformat(),
                "days_overdue": (today - f.deadline).days,
                "state": f.get_status_display(),
            }
            for f in queries.overdue(today)
        ]
        self.stdout.write(render(rows, COLUMNS, format))
