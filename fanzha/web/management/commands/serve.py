"""`fanzha serve`: waitress (pure Python, also on Windows) serving the app and its static files.

One Python process runs one request's Python code at a time, however many threads it has. Where the
platform can fork (Linux, macOS), `--processes` waitress processes serve the port, so every core
works: on Linux each has its own socket on the port (SO_REUSEPORT) and the kernel spreads the
connections evenly (one shared socket let one process take most of them); elsewhere they share one
socket. On Windows it is one process. Nothing a
request needs lives in one process only (sessions, login throttling, import jobs and their progress
are in the database), so any process may answer any request."""

import os
import signal
import socket
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

CAN_FORK = hasattr(os, "fork")
SPREAD_BY_KERNEL = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def default_processes() -> int:
    return min(os.cpu_count() or 1, 4) if CAN_FORK else 1


class Command(BaseCommand):
    help = "启动网页服务（waitress，离线可用）：fanzha serve [--host 127.0.0.1] [--port 8000] [--processes N]"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8, help="每个进程的线程数（默认 8）")
        parser.add_argument(
            "--processes",
            type=int,
            default=default_processes(),
            help="进程数（默认为处理器核数，最多 4；Windows 上只能为 1）",
        )
        parser.add_argument("--no-migrate", action="store_true", help="不自动升级数据库结构")

    def handle(self, *args, host, port, threads, processes, no_migrate, **options):
        if processes < 1 or threads < 1:
            raise CommandError("--processes 和 --threads 必须是正整数")
        if processes > 1 and not CAN_FORK:
            raise CommandError("本系统不支持多进程（Windows），请使用 --processes 1")
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        spread = processes > 1 and SPREAD_BY_KERNEL
        try:
            listener = _reserve(host, port) if spread else _listener(host, port, False)
        except OSError as exc:
            raise CommandError(f"无法监听 {host}:{port}：{exc.strerror}") from exc
        from fanzha.wsgi import application

        self.stdout.write(
            f"反诈中心平台已启动：http://{host}:{port}/  （{processes} 个进程 × {threads} 个线程；按 Ctrl+C 停止）"
        )
        self.stdout.flush()
        if processes == 1:
            _serve(application, listener, threads)
        else:
            # with the kernel spreading, the parent's socket only holds the port (bound, never
            # listening, so no connection waits on it); each worker listens on a socket of its own
            own = (lambda: _listener(host, port, True)) if spread else (lambda: listener)
            _serve_forked(application, own, threads, processes)


def _listener(host: str, port: int, reuse_port: bool) -> socket.socket:
    return socket.create_server((host, port), backlog=1024, reuse_port=reuse_port)


def _reserve(host: str, port: int) -> socket.socket:
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _serve(application, listener, threads) -> None:
    from waitress import serve

    serve(application, sockets=[listener], threads=threads, ident="fanzha")


def _serve_forked(application, listener, threads, processes) -> None:
    """Fork the workers (each takes `listener()`); restart one that dies; stop all on a signal."""
    connections.close_all()  # no database connection may be shared across a fork
    children: set[int] = set()

    def start() -> None:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                _serve(application, listener(), threads)
            finally:
                os._exit(0)
        children.add(pid)

    def stop(signum, frame) -> None:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in list(children):
            os.waitpid(pid, 0)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(processes):
        start()
    while True:
        pid, status = os.wait()
        children.discard(pid)
        print(f"服务进程 {pid} 已退出（{status}），一秒后重新启动一个", file=sys.stderr, flush=True)
        time.sleep(1)  # a worker that cannot start does not spin
        start()
