"""Time the case export in-process on a loaded database: the whole streamed response, read to its
last byte as a browser would. Prints one JSON line per run and the median per format."""

import json
import os
import resource
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
os.environ.setdefault("FANZHA_ALLOWED_HOSTS", "testserver")  # Django's test client's host
django.setup()

from django.test import Client  # noqa: E402

from fanzha.accounts.models import User  # noqa: E402
from fanzha.accounts.roles import Role  # noqa: E402
from fanzha.cases.models import Case  # noqa: E402
from fanzha.orgs.models import OrgUnit  # noqa: E402

runs = int(sys.argv[1])
root = OrgUnit.objects.get(parent__isnull=True)
admin, _ = User.objects.get_or_create(
    username="bench_exports", defaults={"org": root, "role": Role.COUNTY_ADMIN}
)
client = Client()
client.force_login(admin)
rows = Case.objects.count()
for fmt in ("xlsx", "csv"):
    times, size, first = [], 0, None
    for run in range(runs):
        started = time.perf_counter()
        response = client.get("/cases/export/", {"format": fmt})
        assert response.status_code == 200, response.status_code
        size = 0
        for index, piece in enumerate(response.streaming_content):
            if index == 0:
                first = time.perf_counter() - started
            size += len(piece)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        print(
            json.dumps(
                {
                    "format": fmt,
                    "run": run + 1,
                    "rows": rows,
                    "seconds": round(elapsed, 2),
                    "first_bytes_s": round(first, 2),
                    "bytes": size,
                    "rows_per_s": round(rows / elapsed),
                }
            )
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"format": fmt, "median_s": round(statistics.median(times), 2), "peak_rss_mib": peak}))
