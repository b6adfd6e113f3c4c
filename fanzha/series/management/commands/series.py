"""`fanzha series`: the series for scripts and cron.

fanzha series rebuild [--format json|table]    recompute every key, link and cluster from the case ledger
fanzha series clusters [--min-size N] [--format json|csv|table]   the clusters, largest first"""

import json

from django.core.management.base import BaseCommand

from fanzha.core.tabular import render
from fanzha.series import services
from fanzha.series.models import Cluster


class Command(BaseCommand):
    help = "串并案：rebuild 全量重算串并关联与串并案组；clusters 列出串并案组"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="全量重算（断开的关联、确认和不串并标识均保留）")
        rebuild.add_argument("--format", default="table", choices=["json", "table"])
        listing = sub.add_parser("clusters", help="列出串并案组")
        listing.add_argument("--min-size", type=int, default=2)
        listing.add_argument("--format", default="table", choices=["json", "csv", "table"])

    def handle(self, *args, action, format, **options):
        if action == "rebuild":
            outcome = services.rebuild()
            data = {
                "cases": outcome.cases,
                "keys": outcome.keys,
                "links": outcome.links,
                "clusters": outcome.clusters,
                "seconds": outcome.seconds,
            }
            if format == "json":
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"案件 {outcome.cases} 起，标识 {outcome.keys} 个，串并关联 {outcome.links} 条，"
                    f"串并案组 {outcome.clusters} 个；用时 {outcome.seconds}"
                )
            return
        rows = [
            {
                "id": c.pk,
                "size": c.size,
                "confirmed": c.confirmed_at is not None,
                "updated_at": c.updated_at.isoformat(),
            }
            for c in Cluster.objects.filter(size__gte=options["min_size"]).order_by("-size", "id")
        ]
        columns = [("id", "组"), ("size", "案件数"), ("confirmed", "已确认"), ("updated_at", "更新时间")]
        self.stdout.write(render(rows, columns, format))
