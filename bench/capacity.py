"""Capacity: requests per second `fanzha serve` answers for a mix of the home page, the case list and
the ranking (a third each, signed in as the county office), with the p95 latency and the errors,
measured by wrk over loopback at several connection counts, bounded in time.

    python bench/capacity.py --db sqlite                     # the demo county (built once, ≈ 45 s)
    python bench/capacity.py --db postgres                   # 1M cases (bench/case_list.py's database)
    python bench/capacity.py --db sqlite --processes 1       # one waitress process, as on Windows
    python bench/capacity.py --db sqlite --during-import F   # while `fanzha import cases F` runs

Reports, per connection count, req/s, p50/p95/p99 and errors, and the best req/s whose p95 ≤ 300 ms
with no error. Needs wrk (Debian: apt-get install wrk)."""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PATHS = ["/", "/cases/", "/assessment/ranking/?period={month}&level=station"]
P95_LIMIT_MS = 300

WRK_SCRIPT = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Cookie"] = "%(cookie)s"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, e.timeout, 0))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fanzha(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "fanzha", *args], env=env, check=True, **kwargs)


def database_env(db: str) -> dict:
    if db == "sqlite":
        data = OUT / "capacity-demo"
        env = dict(os.environ, FANZHA_DATA_DIR=str(data))
        env.pop("DATABASE_URL", None)
        if not (data / "fanzha.sqlite3").exists():
            data.mkdir(parents=True, exist_ok=True)
            fanzha(env, "demo", "--no-serve", stdout=subprocess.DEVNULL)
        return env
    database = "fanzha_bench_list"
    env = dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        FANZHA_DATA_DIR=tempfile.mkdtemp(prefix="fanzha-capacity-"),
    )
    exists = subprocess.run(
        [
            "psql",
            "-tAq",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-c",
            f"SELECT 1 FROM pg_database WHERE datname='{database}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        sys.exit(
            f"no database {database}: build it with bench/case_list.py --cases-file bench/out/1m/cases.csv"
        )
    fanzha(env, "migrate", stdout=subprocess.DEVNULL)
    return env


def bench_user(env) -> tuple[str, str]:
    """A county-office user with a fresh password (set through Django, nothing printed)."""
    password = secrets.token_urlsafe(12)
    code = (
        "from fanzha.accounts.models import User; from fanzha.orgs.models import OrgUnit; "
        "u, _ = User.objects.get_or_create(username='bench_capacity', "
        "defaults={'org': OrgUnit.objects.get(parent__isnull=True), 'role': 'county_admin'}); "
        f"u.set_password('{password}'); u.save()"
    )
    fanzha(env, "shell", "-c", code)
    return "bench_capacity", password


def latest_month(env) -> str:
    code = (
        "from fanzha.cases.models import Case; from django.utils import timezone; "
        "print(timezone.localtime(Case.objects.order_by('-reported_at').first().reported_at).strftime('%Y-%m'))"
    )
    output = fanzha(env, "shell", "-c", code, capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1]  # the shell prints a line of its own first


def sign_in(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(
        base + "/accounts/login/", data=form.encode(), headers={"Referer": base + "/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "sign-in failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def wait_until_up(base: str, server) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("the server did not start")
            time.sleep(0.3)


def run_wrk(base: str, script: Path, connections: int, seconds: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(connections, 2)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"RESULT ([\d .]+)", out)
    assert found, out
    fields = [int(float(x)) for x in found.group(1).split()]
    requests, duration_us, p50, p95, p99, socket_errors, non_2xx = fields[:7]
    return {
        "connections": connections,
        "requests": requests,
        "rps": round(requests / (duration_us / 1e6), 1),
        "p50_ms": round(p50 / 1000, 1),
        "p95_ms": round(p95 / 1000, 1),
        "p99_ms": round(p99 / 1000, 1),
        "errors": socket_errors + non_2xx,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--processes", type=int, default=None, help="fanzha serve --processes (default: its own)"
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--connections", default="1,2,4,8,16,32")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--during-import", help="a case file imported (CLI) while the load runs")
    parser.add_argument(
        "--paths", help="comma-separated paths instead of the mix (e.g. /accounts/login/: the floor)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    env = database_env(args.db)
    username, password = bench_user(env)
    month = latest_month(env)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    serve = ["serve", "--port", str(port), "--threads", str(args.threads), "--no-migrate"]
    if args.processes:
        serve += ["--processes", str(args.processes)]
    server = subprocess.Popen(
        [sys.executable, "-m", "fanzha", *serve], env=env, stdout=subprocess.PIPE, text=True
    )
    importer = None
    try:
        wait_until_up(base, server)
        started = server.stdout.readline().strip()
        cookie = sign_in(base, username, password)
        chosen = args.paths.split(",") if args.paths else PATHS
        paths = ", ".join(f'"{p.format(month=month)}"' for p in chosen)
        script = Path(tempfile.mkdtemp()) / "mix.lua"
        script.write_text(WRK_SCRIPT % {"paths": paths, "cookie": cookie})
        run_wrk(base, script, 2, 3)  # warm-up: templates, caches, the month summary
        if args.during_import:
            importer = subprocess.Popen(
                [sys.executable, "-m", "fanzha", "import", "cases", args.during_import, "--partial"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(2)
        results = []
        for connections in (int(c) for c in args.connections.split(",")):
            result = run_wrk(base, script, connections, args.seconds)
            result["import_running"] = bool(importer and importer.poll() is None)
            results.append(result)
            print(json.dumps(result), flush=True)
        within = [r for r in results if r["p95_ms"] <= P95_LIMIT_MS and r["errors"] == 0]
        best = max(within, key=lambda r: r["rps"]) if within else None
        print(
            json.dumps({"db": args.db, "server": started, "best_within_p95_300ms": best}, ensure_ascii=False)
        )
    finally:
        if importer and importer.poll() is None:
            importer.terminate()
            importer.wait()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
