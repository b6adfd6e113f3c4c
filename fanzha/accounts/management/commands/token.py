from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from fanzha.accounts.models import User


class Command(BaseCommand):
    help = "打印某用户的 API 令牌（没有则新建；--rotate 作废旧令牌并新建）"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true")

    def handle(self, *args, username, rotate, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户「{username}」不存在")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
