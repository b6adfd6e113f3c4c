from django.core.management.base import BaseCommand, CommandError

from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.tabular import add_format, render
from fanzha.parameters import config
from fanzha.parameters.levels import LEVELS
from fanzha.prevention.coverage import coverage

COLUMNS = [
    ("code", "代码"),
    ("name", "名称"),
    ("households", "户数"),
    ("households_visited", "已走访户数"),
    ("visit_coverage_pct", "走访覆盖率%"),
    ("population", "人口"),
    ("app_registered", "App注册数"),
    ("app_rate_pct", "App注册率%"),
    ("targets_text", "目标"),
]


class Command(BaseCommand):
    help = "宣防覆盖率：fanzha coverage --period 2024-06 --level village|town|station|unit [--format json|csv|table]"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True)
        parser.add_argument("--level", default="village", choices=list(LEVELS))
        add_format(parser)

    def handle(self, *args, period, level, format, **options):
        try:
            span = parse_period(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        rows = coverage(span, level, config.current())
        for row in rows:
            row["targets_text"] = (
                "；".join(f"{t['name']}：{t['state']}" for t in row["targets"])
                + ("；" if row["targets"] and row["quotas"] else "")
                + "；".join(f"{q['name']}：{'达标' if q['met'] else '未达标'}" for q in row["quotas"])
            )
        if format == "json":
            for row in rows:
                row.pop("targets_text")
        self.stdout.write(render(rows, COLUMNS, format))
