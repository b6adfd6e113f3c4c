"""串并案 at 1M cases (PostgreSQL): full recompute, linking one new case, the cluster page, the search.

    python bench/series.py [--database fanzha_bench_series] [--cases 1000000] [--runs 5]

Builds the database once (bench/governance.py's county and cases, written with COPY) and gives the
cases synthetic suspect identifiers straight into the ledger's table (about 2.45 per case: most
identifiers used once, a Zipf-like share reused by a few cases, a few hotlines held by thousands),
then reuses it. Prints one JSON line per measurement and the medians."""

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.governance import build, median_of, psql, start_django  # noqa: E402

KINDS = ["phone", "account", "url", "social"]


def identifiers(cases: list[int], seed: int = 11) -> io.StringIO:
    """(case_id, kind, value) rows, tab-separated, for COPY."""
    rng = np.random.default_rng(seed)
    per_case = rng.choice([1, 2, 3, 4], size=len(cases), p=[0.25, 0.3, 0.3, 0.15])
    owner = np.repeat(np.array(cases), per_case)
    n = len(owner)
    kind = rng.choice(4, size=n, p=[0.45, 0.3, 0.1, 0.15])
    fresh = np.arange(n) + 10_000_000
    # 12% come from a shared pool, with Zipf-like reuse (a few values held by many cases)
    shared = rng.random(n) < 0.12
    pool = np.minimum(rng.zipf(1.6, size=n), 400_000) + rng.integers(0, 200_000, size=n) * (
        rng.random(n) < 0.8
    )
    number = np.where(shared, pool, fresh)
    buffer = io.StringIO()
    written = set()
    for case_id, k, v in zip(owner.tolist(), kind.tolist(), number.tolist(), strict=True):
        if (case_id, k, v) in written:
            continue
        written.add((case_id, k, v))
        if k == 0:
            value = f"+86 13{v:09d}" if v % 5 == 0 else f"13{v:09d}"
        elif k == 1:
            value = f"62{v:014d}" if v % 3 else f"pay{v}@example.com"
        elif k == 2:
            value = f"http://www.s{v}.example.com/pay"
        else:
            value = f"wxid_{v}"
        buffer.write(f"{case_id}\t{KINDS[k]}\t{value}\n")
    buffer.seek(0)
    return buffer


def load_identifiers() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM cases_case ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    buffer = identifiers(ids)
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY cases_suspectidentifier (case_id, kind, value) FROM STDIN") as copy,
    ):
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM cases_suspectidentifier")
        return cursor.fetchone()[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="fanzha_bench_series")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{args.database}'")
    if not exists:
        psql(f"CREATE DATABASE {args.database}")
    start_django(args.database)
    from django.conf import settings
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client

    from fanzha.accounts.models import User
    from fanzha.accounts.roles import Role
    from fanzha.cases.models import Case, SuspectIdentifier
    from fanzha.orgs.models import OrgUnit
    from fanzha.series import queries, services
    from fanzha.series.models import Cluster, Key

    if not exists:
        started = time.perf_counter()
        build(args.cases)
        count = load_identifiers()
        print(
            json.dumps(
                {"built": args.cases, "identifiers": count, "s": round(time.perf_counter() - started, 1)}
            )
        )
    settings.ALLOWED_HOSTS.append("testserver")  # the in-process client's host name
    medians = {}
    phases = []

    def recompute():
        phases.append(services.rebuild().seconds)

    medians["full recompute (rebuild, read + compute + write)"] = median_of("rebuild", args.runs, recompute)
    for name in ("read", "compute", "write"):
        medians[f"  of which {name}"] = statistics.median(p[name] for p in phases) * 1000

    # the computation alone, from the identifiers already in memory (the raw 0.66 s compares here)
    frame = services._read(
        "SELECT case_id, kind, value FROM cases_suspectidentifier",
        {"case_id": pl.Int64, "kind": pl.String, "value": pl.String},
    )
    cut = frame.head(0).select(frame["case_id"].alias("low_id"), frame["case_id"].alias("high_id"))
    medians["compute only (normalise, links, components)"] = median_of(
        "compute", args.runs, lambda: services.compute(frame, 50, set(), cut)
    )
    print(
        json.dumps(
            {
                "keys": Key.objects.count(),
                "clusters": Cluster.objects.count(),
                "largest": list(Cluster.objects.order_by("-size").values_list("size", flat=True)[:5]),
            }
        )
    )

    admin = User.objects.filter(username="bench-admin").first()
    if admin is None:
        admin = User(username="bench-admin", org=OrgUnit.objects.get(parent=None), role=Role.COUNTY_ADMIN)
        admin.set_password("x")
        admin.save()
    officer = User.objects.filter(username="bench-officer").first()
    if officer is None:
        officer = User(
            username="bench-officer",
            org=OrgUnit.objects.filter(kind="station").first(),
            role=Role.STATION_OFFICER,
        )
        officer.set_password("x")
        officer.save()
    # a shared phone of a mid-size cluster: the new case joins it
    mid = Cluster.objects.filter(size__gte=5, size__lte=20).order_by("id").first()
    member = Key.objects.filter(case_id=mid.pk).first()
    template = Case.objects.get(pk=mid.pk)

    def link_one():
        with transaction.atomic():
            case = Case(
                case_number=f"N{time.perf_counter_ns()}",
                reported_at=template.reported_at,
                place_id=template.place_id,
                station_id=template.station_id,
                town_id=template.town_id,
                fraud_type_id=template.fraud_type_id,
            )
            case.save()
            SuspectIdentifier.objects.create(
                case=case, kind="phone" if member.kind == "phone" else "social", value=member.value
            )
            SuspectIdentifier.objects.create(case=case, kind="url", value=f"http://new{case.pk}.example.com")
            started = time.perf_counter()
            services.relink([case.pk])
            elapsed = time.perf_counter() - started
            transaction.set_rollback(True)
        return elapsed

    times = []
    for _ in range(args.runs):
        times.append(link_one() * 1000)
        print(json.dumps({"benchmark": "link one new case (relink)", "ms": round(times[-1], 1)}))
    medians["link one new case (relink, joins a cluster of 5-20)"] = statistics.median(times)

    client = Client()
    client.force_login(admin)
    largest = Cluster.objects.order_by("-size").first()
    typical = mid
    medians[f"cluster page, {typical.size} cases (county admin)"] = median_of(
        "cluster page typical", args.runs, lambda: client.get(f"/series/clusters/{typical.pk}/")
    )
    medians[f"cluster page, largest: {largest.size} cases (county admin)"] = median_of(
        "cluster page largest", args.runs, lambda: client.get(f"/series/clusters/{largest.pk}/")
    )
    medians["case panel (county admin)"] = median_of(
        "case panel", args.runs, lambda: client.get(f"/series/cases/{typical.pk}/panel/")
    )
    station_client = Client()
    station_client.force_login(officer)
    own = (
        Cluster.objects.filter(members__case__station_id=officer.org_id, size__gte=5)
        .order_by("size", "id")
        .first()
    )
    medians[f"cluster page, {own.size} cases (station officer, others' cases shown as station + day)"] = (
        median_of(
            "cluster page officer", args.runs, lambda: station_client.get(f"/series/clusters/{own.pk}/")
        )
    )
    # an identifier of a mid-size series, and the one most cases hold (a hotline: tens of thousands)
    hot = Key.objects.values("kind", "value").annotate(n=Count("case_id")).order_by("-n").first()
    for label, kind, value in (
        ("a series' identifier", member.kind, member.value),
        (f"the most shared identifier ({hot['n']} cases)", hot["kind"], hot["value"]),
    ):
        typed = f"+86 {value[:3]}-{value[3:7]}-{value[7:]}" if kind == "phone" else value
        medians[f"identifier search, {label}: queries.search"] = median_of(
            "search", args.runs, lambda typed=typed: queries.search(typed, officer)
        )
        medians[f"identifier search, {label}: /series/search/ page"] = median_of(
            "search page", args.runs, lambda typed=typed: station_client.get("/series/search/", {"q": typed})
        )
    print()
    for label, ms in medians.items():
        print(f"{label:<60} {ms:9.1f} ms")
    connection.close()


if __name__ == "__main__":
    main()
