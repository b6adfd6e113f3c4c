from django.core.management.base import BaseCommand

from fanzha.assessment.certification import run_certification
from fanzha.core.tabular import add_format, render

COLUMNS = [
    ("code", "代码"),
    ("name", "名称"),
    ("certified", "达标"),
    ("status_label", "状态"),
    ("summary", "未达标或待评定的标准"),
]


class Command(BaseCommand):
    help = "无诈村(社区)/无诈单位测算：fanzha certify --year 2024 --kind village|unit --format json|csv|table"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--kind", choices=["village", "unit"], default="village")
        add_format(parser)

    def handle(self, *args, year, kind, format, **options):
        results = run_certification(kind, year)
        if format == "json":
            self.stdout.write(render(results, [], "json"))
            return
        for result in results:
            result["summary"] = "；".join(
                f"{c['label']}（{'待评定' if c['passed'] is None else '未达标'}）"
                for c in result["criteria"]
                if c["passed"] is not True
            )
        self.stdout.write(render(results, COLUMNS, format))
