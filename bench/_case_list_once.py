"""Time the case list page in-process (server time) on a loaded database: prints JSON lines."""

import json
import os
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
from fanzha.orgs.models import OrgUnit  # noqa: E402

runs = int(sys.argv[1])
root = OrgUnit.objects.get(parent__isnull=True)
station = OrgUnit.objects.filter(kind="station").order_by("code").first()
village = OrgUnit.objects.filter(kind="village", station=station).order_by("code").first()
fraud = "刷单返利"


def user(name, org, role):
    account, _ = User.objects.get_or_create(username=name, defaults={"org": org, "role": role})
    return account


pages = {
    "county admin, first page": (user("bench_admin", root, Role.COUNTY_ADMIN), "/cases/"),
    "county admin, filtered (station + month + type)": (
        user("bench_admin", root, Role.COUNTY_ADMIN),
        f"/cases/?station={station.pk}&month=2025-03&fraud_type_name={fraud}",
    ),
    "county admin, filtered (loss ≥ 50万, year)": (
        user("bench_admin", root, Role.COUNTY_ADMIN),
        "/cases/?loss_min=500000&year=2025",
    ),
    "county admin, search by victim name": (user("bench_admin", root, Role.COUNTY_ADMIN), "/cases/?q=王伟"),
    "county admin, narrative keyword (full scan)": (
        user("bench_admin", root, Role.COUNTY_ADMIN),
        "/cases/?narrative=屏幕共享",
    ),
    "county admin, page 200": (user("bench_admin", root, Role.COUNTY_ADMIN), "/cases/?page=200"),
    "station officer, first page (scoped)": (user("bench_station", station, Role.STATION_OFFICER), "/cases/"),
    "grid worker, filtered by month (scoped)": (
        user("bench_grid", village, Role.GRID_WORKER),
        "/cases/?month=2025-03",
    ),
}
for label, (account, url) in pages.items():
    client = Client()
    client.force_login(account)
    assert client.get(url).status_code == 200  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(
        json.dumps(
            {
                "page": label,
                "url": url,
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )
