from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网页服务（waitress，离线可用）：fanzha serve [--host 127.0.0.1] [--port 8000]"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-migrate", action="store_true", help="不自动升级数据库结构")

    def handle(self, *args, host, port, threads, no_migrate, **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        from waitress import serve

        from fanzha.wsgi import application

        self.stdout.write(f"反诈中心平台已启动：http://{host}:{port}/  （按 Ctrl+C 停止）")
        serve(application, host=host, port=port, threads=threads, ident="fanzha")
