"""`fanzha demo`: a synthetic county, loaded through the same importers users use, then served."""

import secrets
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.cases.importers import CaseImporter
from fanzha.demo import clues as demo_clues
from fanzha.demo import coordination, generator, governance, prevention, series, strike
from fanzha.demo import directory as demo_directory
from fanzha.demo import funds as demo_funds
from fanzha.demo import meetings as demo_meetings
from fanzha.imports.orgs import OrgImporter
from fanzha.imports.runner import run_import
from fanzha.orgs.models import OrgUnit

# each demo login is someone: the name signs visits, 签收 and 办结 (a login name is no one's name)
DEMO_NAMES = {
    "county_admin": "周建国",
    "station_officer": "陈立新",
    "town_staff": "刘晓梅",
    "grid_worker": "王秀英",
    "unit_liaison": "赵文静",
}


def demo_accounts() -> list[tuple[str, str, Role, str]]:
    """(user name, org code, role, description) — one login per role; DEMO_NAMES gives each a name."""
    station = OrgUnit.objects.filter(kind="station").order_by("code").first()
    town = OrgUnit.objects.filter(kind="town").order_by("code").first()
    village = OrgUnit.objects.filter(parent=town, kind="village").order_by("code").first() if town else None
    unit = OrgUnit.objects.filter(kind="member_unit", sector="学校").order_by("code").first()
    root = OrgUnit.objects.filter(parent__isnull=True).first()
    return [
        ("county_admin", root.code, Role.COUNTY_ADMIN, root.name),
        ("station_officer", station.code, Role.STATION_OFFICER, station.name),
        ("town_staff", town.code, Role.TOWN_STAFF, town.name),
        ("grid_worker", village.code, Role.GRID_WORKER, f"{town.name}/{village.name}"),
        ("unit_liaison", unit.code, Role.UNIT_LIAISON, unit.name),
    ]


class Command(BaseCommand):
    help = (
        "创建（如尚无数据）一个模拟县的组织机构和三年案件，并启动网页服务：fanzha demo [--seed N] [--port P]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--per-year", type=int, default=3000, help="每年案件数（默认 3000）")
        parser.add_argument("--no-serve", action="store_true", help="只创建数据，不启动服务")

    def handle(self, *args, seed, port, host, per_year, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if OrgUnit.objects.exists():
            self.stdout.write("数据库中已有数据，直接启动（演示账号的密码只在首次创建时显示）。")
        else:
            self._create(seed, per_year)
        if not no_serve:
            call_command("serve", host=host, port=port, no_migrate=True)

    @transaction.atomic
    def _create(self, seed: int, per_year: int) -> None:
        self.stdout.write("正在生成模拟县的组织机构和案件台账…")
        county = generator.county(seed)
        with tempfile.TemporaryDirectory() as tmp:
            orgs = generator.write(generator.org_frame(county), Path(tmp) / "组织机构.csv")
            ledger = generator.write(
                generator.cases(county, per_year=per_year, seed=seed), Path(tmp) / "案件台账.csv"
            )
            for importer, path in ((OrgImporter(None), orgs), (CaseImporter(None), ledger)):
                result = run_import(importer, path)
                if not result.committed:
                    raise CommandError("演示数据导入失败：" + "；".join(str(e) for e in result.errors[:5]))
                self.stdout.write(f"  {result.filename}：{result.counts.created} 条")
            made = prevention.create(Path(tmp))
            self.stdout.write("  宣防与预警台账：" + "，".join(f"{k} {v}" for k, v in made.items()))
            self.stdout.write(
                "  通讯录：" + "，".join(f"{k} {v}" for k, v in demo_directory.create(Path(tmp)).items())
            )
            self.stdout.write("  上级推送线索：" + demo_clues.create(Path(tmp)))
            self.stdout.write(
                "  资金查控：" + "，".join(f"{k} {v}" for k, v in demo_funds.create(Path(tmp)).items())
            )
        governance.create()
        outcome = series.create()
        self.stdout.write(f"  串并案：{outcome.links} 条串并关联，{outcome.clusters} 个串并案组")
        self.stdout.write("  示例工作方案与目标任务已创建，督办事项已按规则生成")
        strike.create(self.stdout, seed)
        lines = []
        for username, code, role, where in demo_accounts():
            password = secrets.token_urlsafe(9)
            user = User(
                username=username,
                first_name=DEMO_NAMES[username],
                org=OrgUnit.objects.get(code=code),
                role=role,
                is_staff=role == Role.COUNTY_ADMIN,
            )
            user.set_password(password)
            user.save()
            lines.append(
                f"  {role.label:<12} 用户名 {username:<16} 密码 {password}   （{where}，{DEMO_NAMES[username]}）"
            )
        issued = governance.issue_bulletins(User.objects.get(username="county_admin"))
        self.stdout.write("  " + demo_meetings.create(User.objects.get(username="county_admin")))
        self.stdout.write(
            f"  已签发近{len(issued)}个月的月度通报（{'、'.join(b.number_text for b in issued)}）"
        )
        self.stdout.write("  协调：" + coordination.create(User.objects.get(username="county_admin")))
        self.stdout.write("\n演示账号（密码只显示这一次，请记下）：\n" + "\n".join(lines) + "\n")
