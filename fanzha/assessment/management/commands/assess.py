from django.core.management.base import BaseCommand, CommandError

from fanzha.assessment.assess import SchemeNotFound, assess, latest_scheme
from fanzha.core.tabular import add_format, render


class Command(BaseCommand):
    help = "百分制考核：fanzha assess --year 2024 --scheme 004 --format json|csv|table"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--scheme", default="004")
        add_format(parser)

    def handle(self, *args, year, scheme, format, **options):
        try:
            chosen = latest_scheme(scheme)
        except SchemeNotFound as error:
            raise CommandError(str(error)) from None
        results = assess(year, chosen)
        if format == "json":
            self.stdout.write(render(results, [], "json"))
            return
        parts = [(p.code, f"{p.code} {p.name}({p.max_points:g})") for p in chosen.parts.all()]
        flat = [
            {"code": r["code"], "name": r["name"], "subject": r["subject"], "total": r["total"]}
            | {p["code"]: p["points"] for p in r["parts"]}
            for r in results
        ]
        columns = [("code", "代码"), ("name", "名称"), ("subject", "类别"), *parts, ("total", "总分")]
        self.stdout.write(render(flat, columns, format))
