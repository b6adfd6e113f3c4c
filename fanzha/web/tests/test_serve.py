"""`fanzha serve` (what the README's first command ends in) answers on a fresh data directory."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# each test starts real server processes (about half a minute together): `pytest -m "not slow"` leaves
# them out of a quick local run; CI (.ci/run) runs every test, these included
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_migrates_a_fresh_database_and_answers(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["FANZHA_DATA_DIR"] = str(tmp_path / "data")
    server = subprocess.Popen(
        [sys.executable, "-m", "fanzha", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
                    .read()
                    .decode()
                )
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.3)
        assert "反诈中心平台 登录" in page
        css = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vendor/bootstrap/bootstrap.min.css", timeout=5
        )
        assert css.status == 200  # assets ship in the package: nothing comes from a CDN
        assert "cdn" not in page.lower() and "https://" not in page
        assert (tmp_path / "data" / "fanzha.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads the process table from /proc")
def test_serve_forks_processes_that_share_the_port_and_stop_with_it(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["FANZHA_DATA_DIR"] = str(tmp_path / "data")
    command = [
        sys.executable,
        "-m",
        "fanzha",
        "serve",
        "--port",
        str(port),
        "--processes",
        "2",
        "--no-migrate",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                pages = [
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).status
                    for _ in range(10)
                ]
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.3)
        assert pages == [200] * 10
        workers = _children(server.pid)
        assert len(workers) == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert server.returncode == 0 and "2 个进程 × 8 个线程" in server.stdout.read()
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
