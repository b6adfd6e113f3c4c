import time

from django.core.management.base import BaseCommand, CommandError

from fanzha.assessment.ranking import COLUMNS, build_ranking
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.tabular import add_format, render
from fanzha.parameters.levels import LEVELS, LevelError, get_level


class Command(BaseCommand):
    help = "排名：fanzha ranking --period 2024-03 --level station|town|village|unit --format json|csv|table"

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", required=True, help="2024-03、2024Q1、2024H1、2024 或 2024-03-05..2024-04-10"
        )
        parser.add_argument("--level", default="station", choices=list(LEVELS))
        add_format(parser)
        parser.add_argument("--timing", action="store_true", help="在标准错误输出上报告计算用时")

    def handle(self, *args, period, level, format, timing, **options):
        try:
            span = parse_period(period)
            chosen = get_level(level)
        except (PeriodError, LevelError) as error:
            raise CommandError(str(error)) from None
        started = time.perf_counter()
        ranking = build_ranking(chosen, span)
        elapsed = time.perf_counter() - started
        self.stdout.write(render([row.as_json() for row in ranking.rows], COLUMNS, format))
        if timing:
            self.stderr.write(f"计算用时 {elapsed * 1000:.1f} ms")
