"""`fanzha strike`: the 止付冻结 desk for cron and scripts.

fanzha strike deadlines [--format json|csv|table] [--within-hours 2]   open clocks past due or due soon
fanzha strike lapse [--format json]                                    mark stops and freezes past expiry as lapsed
fanzha strike late-documents [--format …]                              overdue document deliveries per station
fanzha strike figures --period 2024-03 [--format …]                    requests, amounts, documents on time, 报案→止付"""

from django.core.management.base import BaseCommand, CommandError

from fanzha.core import clock
from fanzha.core.money import format_yuan
from fanzha.core.periods import PeriodError, beijing_text, parse_period
from fanzha.core.tabular import add_format, render, summary
from fanzha.strike import queries, services
from fanzha.strike.models import StrikeRequest
from fanzha.strike.rules import Urgency

DEADLINE_COLUMNS = [
    ("id", "请求"),
    ("state", "时限状态"),
    ("clock", "待办"),
    ("due", "时限"),
    ("left", "剩余"),
    ("kind", "类别"),
    ("case", "案件编号"),
    ("station", "派出所"),
    ("bank", "银行"),
]


class Command(BaseCommand):
    help = "止付冻结：deadlines 列出超时和即将到期的时限；late-documents 按派出所统计超时未送达文书；figures 统计"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["deadlines", "lapse", "late-documents", "figures"])
        parser.add_argument(
            "--within-hours", type=float, default=None, help="列出多少小时内到期的（默认：全部未办结时限）"
        )
        parser.add_argument("--period", help="统计期间，如 2024-03")
        add_format(parser)

    def handle(self, *args, what, within_hours, period, format, **options):
        now = clock.now()
        if what == "lapse":
            count = services.lapse_expired(now)
            fmt = "json" if format == "json" else "text"
            self.stdout.write(summary({"lapsed": count}, f"到期失效的止付冻结：{count} 项", fmt))
            return
        everything = StrikeRequest.objects.all().select_related("case", "case__station", "bank", "account")
        if what == "late-documents":
            rows = [{"station": s, "count": n} for s, n in queries.late_documents_by_station(everything, now)]
            self.stdout.write(render(rows, [("station", "派出所"), ("count", "超时未送达")], format))
            return
        if what == "figures":
            try:
                span = parse_period(period or "")
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
            rows = [
                {
                    "station": f.station,
                    "month": f.month,
                    "requests": f.requests,
                    "held_yuan": format_yuan(f.held_fen, grouping=False),
                    "returned_yuan": format_yuan(f.returned_fen, grouping=False),
                    "documents_on_time_pct": f.documents_on_time_pct,
                    "median_minutes_to_stop": f.median_minutes_to_stop,
                }
                for f in queries.figures(everything, span.start, span.end)
            ]
            self.stdout.write(
                render(rows, [(k, k) for k in rows[0]] if rows else [("station", "派出所")], format)
            )
            return
        pending = everything.filter(due_at__isnull=False).order_by("due_at")
        amber = queries.amber_hours()
        rows = []
        for request in pending:
            for view in queries.row(request, now, amber).clocks:
                if view.state == Urgency.MET:
                    continue
                if within_hours is not None and view.state == Urgency.LATER:
                    if (view.clock.due - now).total_seconds() > within_hours * 3600:
                        continue
                rows.append(
                    {
                        "id": request.pk,
                        "state": view.state,
                        "clock": view.clock.label,
                        "due": beijing_text(view.clock.due),
                        "left": view.left,
                        "kind": request.get_kind_display(),
                        "case": request.case.case_number,
                        "station": str(request.case.station or ""),
                        "bank": request.bank.name,
                    }
                )
        self.stdout.write(render(rows, DEADLINE_COLUMNS, format))
