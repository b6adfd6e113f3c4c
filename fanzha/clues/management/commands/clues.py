"""`fanzha clues`: the clues pushed from above, for the periodic job and for scripts.

fanzha clues overdue [--format json|csv|table]               open clues past their deadline day
fanzha clues figures --period 2026 [--format json|csv|table]  received / landed / on time / 打击处理人数
                                                              per station and month

Values are masked: a terminal is no place for clear personal data."""

from django.core.management.base import BaseCommand, CommandError

from fanzha.clues import queries, services
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.tabular import add_format, render
from fanzha.orgs.models import OrgUnit

OVERDUE_COLUMNS = [
    ("id", "编号"),
    ("kind", "线索类型"),
    ("value", "线索内容"),
    ("source", "来源"),
    ("batch", "批次号"),
    ("received_on", "接收日期"),
    ("deadline", "核查时限"),
    ("days_overdue", "超期（天）"),
    ("station", "派出所代码"),
    ("station_name", "派出所"),
    ("state", "状态"),
]
FIGURE_COLUMNS = [
    ("month", "月份"),
    ("station", "派出所代码"),
    ("station_name", "派出所"),
    ("received", "接收线索"),
    ("landed", "已落地"),
    ("on_time", "按时落地"),
    ("unlandable", "无法落地"),
    ("open", "未办结"),
    ("people_handled", "打击处理人数"),
]


class Command(BaseCommand):
    help = "上级推送线索：overdue 列出超过核查时限未办结的线索；figures 按派出所、月份统计"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="子命令")
        overdue = commands.add_parser("overdue", help="超过核查时限未办结的线索")
        add_format(overdue)
        figures = commands.add_parser("figures", help="按派出所、月份统计（含打击处理人数）")
        figures.add_argument("--period", required=True, help="统计期间，如 2026、2026-03、2026Q1")
        add_format(figures)

    def handle(self, *args, action, format, **options):
        if action == "figures":
            self.stdout.write(render(self._figures(options["period"]), FIGURE_COLUMNS, format))
            return
        today = services.today()
        late = services.overdue(day=today).select_related("station").order_by("deadline", "id")
        rows = [
            {
                "id": clue.pk,
                "kind": clue.get_kind_display(),
                "value": clue.masked_value,
                "source": clue.source,
                "batch": clue.batch,
                "received_on": clue.received_on.isoformat(),
                "deadline": clue.deadline.isoformat(),
                "days_overdue": (today - clue.deadline).days,
                "station": clue.station.code if clue.station_id else "",
                "station_name": clue.station.name if clue.station_id else "县局待分配",
                "state": clue.get_state_display(),
            }
            for clue in late
        ]
        self.stdout.write(render(rows, OVERDUE_COLUMNS, format))

    def _figures(self, text: str) -> list[dict]:
        try:
            period = parse_period(text)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        codes = dict(self._station_codes())
        return [
            {
                "month": r.month,
                "station": codes.get(r.station_id, ""),
                "station_name": r.station,
                "received": r.received,
                "landed": r.landed,
                "on_time": r.on_time,
                "unlandable": r.unlandable,
                "open": r.open,
                "people_handled": r.people,
            }
            for r in queries.figures(period.start.date(), period.last_day)
        ]

    @staticmethod
    def _station_codes():
        return OrgUnit.objects.filter(kind="station").values_list("id", "code")
