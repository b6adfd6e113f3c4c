"""`fanzha meetings`: the meeting dates and decisions, for a reminder cron and for scripts.

fanzha meetings next [--on 2026-12-07] [--format text|json]   the next monthly 研判会商
fanzha meetings overdue [--format json|csv|table]             decisions whose duty is past its deadline"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fanzha.core.tabular import SUMMARY_FORMATS, add_format, render, summary
from fanzha.meetings import queries
from fanzha.meetings.models import Decision
from fanzha.prevention.models import DutyStatus

OVERDUE_COLUMNS = [
    ("meeting", "会议"),
    ("held_on", "会议日期"),
    ("text", "议定事项"),
    ("org", "责任单位代码"),
    ("org_name", "责任单位"),
    ("deadline", "完成时限"),
    ("days_overdue", "超期（天）"),
    ("status", "落实情况"),
]


class Command(BaseCommand):
    help = "研判会商/联席会议：next 下次研判会商日期；overdue 逾期未验收的议定事项"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="子命令")
        upcoming = commands.add_parser("next", help="下次研判会商日期（遇周末、节假日顺延）")
        upcoming.add_argument("--on", help="从哪一天算起，如 2026-12-07（默认今天）")
        add_format(upcoming, SUMMARY_FORMATS)
        overdue = commands.add_parser("overdue", help="超过完成时限、尚未验收的议定事项")
        add_format(overdue)

    def handle(self, *args, action, format, **options):
        if action == "overdue":
            self.stdout.write(render(self._overdue(), OVERDUE_COLUMNS, format))
            return
        on = None
        if options.get("on"):
            try:
                on = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on「{options['on']}」应写作 2026-12-07") from None
        found = queries.next_consultation(on)
        record = {
            "date": found.day.isoformat(),
            "weekday": f"星期{found.weekday}",
            "moved": found.moved,
            "calendar_known": found.calendar_known,
        }
        text = f"下次研判会商：{found.day:%Y-%m-%d}（星期{found.weekday}）"
        if found.moved:
            text += "，因周末或节假日顺延"
        if not found.calendar_known:
            text += f"\n注意：节假日库没有{found.day.year}年的放假安排，只避开了周末；请在节假日日历中更正"
        self.stdout.write(summary(record, text, format))

    def _overdue(self) -> list[dict]:
        today = queries.today()
        late = (
            Decision.objects.select_related("meeting", "org", "duty")
            .filter(duty__isnull=False, duty__deadline__lt=today)
            .exclude(duty__status=DutyStatus.ACCEPTED)
            .order_by("duty__deadline", "id")
        )
        return [
            {
                "meeting": d.meeting.title,
                "held_on": d.meeting.held_on.isoformat(),
                "text": d.text,
                "org": d.org.code,
                "org_name": d.org.name,
                "deadline": d.duty.deadline.isoformat(),
                "days_overdue": (today - d.duty.deadline).days,
                "status": d.duty.get_status_display(),
            }
            for d in late
        ]
