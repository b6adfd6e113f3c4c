"""`fanzha serve` (what the README's first command ends in) answers on a fresh data directory."""

import os
import socket
import subprocess
import sys
import time
import urllib.request


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
