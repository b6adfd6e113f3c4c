import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fanzha.accounts.models import User
from fanzha.accounts.passwords import PasswordRefused, reset_password
from fanzha.accounts.roles import Role
from fanzha.core.tabular import add_format, render
from fanzha.orgs.models import OrgUnit

USER_COLUMNS = [
    ("username", "用户名"),
    ("name", "姓名"),
    ("org", "单位代码"),
    ("org_name", "单位"),
    ("role_label", "角色"),
    ("active", "启用"),
]
ROLE_HELP = "，".join(f"{r.value}={r.label}" for r in Role)


class Command(BaseCommand):
    help = (
        "用户管理：fanzha user add 用户名 --org 单位代码 --role 角色（密码从提示输入或 FANZHA_PASSWORD 环境变量读取）；"
        "fanzha user passwd 用户名 重设密码（提示输入两次，或从标准输入读取一行）"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增用户（已存在则更新单位、角色和密码）")
        add.add_argument("username")
        add.add_argument("--org", required=True, help="所属单位代码")
        add.add_argument("--role", required=True, choices=Role.values, help=ROLE_HELP)
        add.add_argument("--name", default="", help="真实姓名（入户走访的走访人、签收人等处显示）")
        add.add_argument("--admin", action="store_true", help="同时授予后台管理（Django admin）权限")
        add_format(sub.add_parser("list", help="列出用户"))
        passwd = sub.add_parser(
            "passwd",
            help="重设密码：在终端提示输入两次；非终端时从标准输入读取一行（如 echo 新密码 | fanzha user passwd 用户名）",
        )
        passwd.add_argument("username")

    def handle(self, *args, action, **options):
        if action == "passwd":
            self.passwd(options["username"])
            return
        if action == "list":
            rows = [
                {
                    "username": user.username,
                    "name": user.first_name,
                    "org": user.org.code if user.org else None,
                    "org_name": user.org.name if user.org else None,
                    "role": user.role or None,
                    "role_label": Role(user.role).label if user.role else None,
                    "active": user.is_active,
                }
                for user in User.objects.select_related("org").order_by("username")
            ]
            self.stdout.write(render(rows, USER_COLUMNS, options["format"]))
            return
        org = OrgUnit.objects.filter(code=options["org"]).first()
        if org is None:
            raise CommandError(f"找不到代码为「{options['org']}」的单位")
        password = os.environ.get("FANZHA_PASSWORD")
        if not password:
            if not self.stdin_is_tty():
                raise CommandError("请在提示中输入密码，或通过 FANZHA_PASSWORD 环境变量提供密码")
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再次输入密码："):
                raise CommandError("两次输入的密码不一致")
        user = User.objects.filter(username=options["username"]).first() or User(username=options["username"])
        user.org, user.role, user.first_name = org, options["role"], options["name"] or user.first_name
        user.is_staff = options["admin"] or user.is_staff
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("密码不符合要求：" + "；".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        self.stdout.write(f"用户 {user.username}（{org.name}，{Role(user.role).label}）已保存")

    def passwd(self, username: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户「{username}」（fanzha user list 列出全部用户）")
        if self.stdin_is_tty():
            password = getpass.getpass(f"{username} 的新密码：")
            if password != getpass.getpass("再次输入新密码："):
                raise CommandError("两次输入的密码不一致，密码未修改")
        else:
            password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("密码不能为空，密码未修改")
        try:
            reset_password(None, user, password)
        except PasswordRefused as exc:
            raise CommandError(f"{exc}，密码未修改") from exc
        self.stdout.write(f"用户 {username} 的密码已重设")

    @staticmethod
    def stdin_is_tty() -> bool:
        return sys.stdin.isatty()
