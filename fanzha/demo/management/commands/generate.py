import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from fanzha.demo import generator


class Command(BaseCommand):
    help = "生成模拟台账（组织机构 + 案件），用于测试和性能基准：fanzha generate --cases 1000000 --out 目录"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="输出目录")
        parser.add_argument("--cases", type=int, default=9000, help="案件数（默认约三年 9000 件）")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")

    def handle(self, *args, out, cases, seed, format, **options):
        started = time.perf_counter()
        out = Path(out)
        county = generator.county(seed)
        orgs = generator.write(generator.org_frame(county), out / f"orgs.{format}")
        frame = generator.cases(county, total=cases, seed=seed)
        ledger = generator.write(frame, out / f"cases.{format}")
        sys.stderr.write(f"用时 {time.perf_counter() - started:.1f} 秒\n")
        self.stdout.write(f"{orgs}\n{ledger}")
