from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fanzha.accounts.api_tokens import issue_token
from fanzha.accounts.models import User


class Command(BaseCommand):
    help = (
        "为某用户生成新的 API 令牌并打印（只显示这一次；该用户的旧令牌随即作废；"
        f"有效期 {settings.API_TOKEN_DAYS} 天，改密码后作废）"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户「{username}」不存在")
        self.stdout.write(issue_token(user))
        self.stderr.write(
            f"令牌只显示这一次，请妥善保存；有效期 {settings.API_TOKEN_DAYS} 天，旧令牌已作废。"
        )
