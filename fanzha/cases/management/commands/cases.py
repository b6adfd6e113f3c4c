"""`fanzha cases`: the case ledger for scripts.

fanzha cases grades [--period 2024] [--format json|csv|table]   分级推进: per station and grade, cases,
                                                                 查有结果 and the oldest open case
fanzha cases regrade [--format json]                             derive every case's grade again (after
                                                                 a restore or SQL written outside Fanzha)"""

import json

from django.core.management.base import BaseCommand, CommandError

from fanzha.cases import grading
from fanzha.cases.choices import Grade
from fanzha.cases.follow_through import station_table
from fanzha.core.tabular import add_format, render

COLUMNS = [
    ("station", "派出所代码"),
    ("station_name", "派出所"),
    *(
        (f"{value}_{what}", f"{label}{title}")
        for value, label in Grade.choices
        for what, title in (
            ("cases", "案件"),
            ("result", "查有结果"),
            ("result_pct", "查有结果%"),
            ("oldest", "最早未结"),
        )
    ),
    ("total_cases", "合计案件"),
    ("total_result", "合计查有结果"),
    ("total_result_pct", "合计查有结果%"),
]


class Command(BaseCommand):
    help = "案件台账：grades 分级推进（按派出所、等级统计查有结果）；regrade 重新定级"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="子命令")
        grades = commands.add_parser("grades", help="按派出所、等级统计案件数、查有结果和最早未结案件")
        grades.add_argument("--period", help="统计期间，如 2024、2024Q1、2024-03（默认今年）")
        add_format(grades)
        regrade = commands.add_parser("regrade", help="按规则参数重新确定全部案件的等级（人工定级的不变）")
        regrade.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, action, format, **options):
        if action == "regrade":
            written = grading.regrade()
            if format == "json":
                self.stdout.write(json.dumps({"regraded": written}, ensure_ascii=False))
            else:
                self.stdout.write(f"已重新定级 {written} 起案件")
            return
        table = station_table(None, options.get("period"))
        if table.error:
            raise CommandError(f"期间「{table.period}」：{table.error}")
        if format == "json":
            self.stdout.write(json.dumps(table.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(render([_flat(r) for r in table.as_json()["stations"]], COLUMNS, format))


def _flat(row: dict) -> dict:
    flat = {"station": row["station"], "station_name": row["station_name"]}
    for value, label in Grade.choices:
        cell = row["grades"][label]
        flat.update(
            {
                f"{value}_cases": cell["cases"],
                f"{value}_result": cell["result"],
                f"{value}_result_pct": cell["result_pct"] or "",
                f"{value}_oldest": cell["oldest_open"] or "",
            }
        )
    total = row["total"]
    flat.update(
        total_cases=total["cases"], total_result=total["result"], total_result_pct=total["result_pct"] or ""
    )
    return flat
