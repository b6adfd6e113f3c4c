from django.core.management.base import BaseCommand, CommandError

from fanzha.core.periods import Period, PeriodError
from fanzha.core.tabular import SUMMARY_FORMATS, add_format, summary
from fanzha.parameters import config
from fanzha.warnings.followups import draw_sample


class Command(BaseCommand):
    help = "回访抽查：fanzha followups --period 2024-03 [--pct 10] [--format text|json]，按规则参数的比例随机抽取本期案件（可重复运行，不重复抽取）"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True)
        parser.add_argument("--pct", type=int, help="抽查比例（%），默认取规则参数")
        add_format(parser, SUMMARY_FORMATS)

    def handle(self, *args, period, pct, format, **options):
        try:
            span = Period.parse(period)
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        share = pct or config.current()["followup.sample_pct"]
        made = draw_sample(span, share)
        outcome = {"period": str(span), "pct": share, "drawn": [f.case.case_number for f in made]}
        self.stdout.write(summary(outcome, f"{span.label}：新抽取回访案件 {len(made)} 件", format))
