from django.core.management.base import BaseCommand, CommandError

from fanzha.assessment.escalations import run_escalations
from fanzha.core.periods import Period, PeriodError
from fanzha.core.tabular import add_format, render

COLUMNS = [
    ("period", "期间"),
    ("code", "代码"),
    ("name", "单位"),
    ("kind_label", "事项"),
    ("status_label", "状态"),
    ("reason", "依据"),
]


def outcome_json(outcome) -> dict:
    return {
        "id": outcome.pk,
        "code": outcome.org.code,
        "name": outcome.org.name,
        "kind": outcome.kind,
        "kind_label": outcome.get_kind_display(),
        "period": outcome.period,
        "case_number": outcome.case.case_number if outcome.case_id else None,
        "reason": outcome.reason,
        "status": outcome.status,
        "status_label": outcome.get_status_display(),
    }


class Command(BaseCommand):
    help = (
        "按规则生成督办事项（约谈、挂牌整治、全环节倒查、取消评先评优）：fanzha escalations --through 2024-06 "
        "--format json。逐月记录排名通报；重复运行不会重复生成。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--through", required=True, help="截至月份，如 2024-06")
        add_format(parser)

    def handle(self, *args, through, format, **options):
        try:
            month = Period.parse(through)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        run = run_escalations(month)
        records = [outcome_json(o) for o in run.outcomes]
        records.sort(key=lambda r: (r["period"], r["kind"], r["code"]))
        self.stdout.write(render(records, COLUMNS, format))
