"""`fanzha funds`: 资金查控 from the command line (all accounts in clear: the CLI is the server's operator).

fanzha funds trace CASE [--method fifo|lifo|prorata] [--format json|table]
fanzha funds import CASE FILE [--kind transactions|opening] [--account NUMBER] [--format json|table]
fanzha funds seed CASE --account NUMBER --at "2024-03-05 14:22" --amount 5000.00

CASE is the case number (案件编号) or its id."""

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from fanzha.cases.models import Case
from fanzha.core.money import MoneyError, format_yuan, parse_money
from fanzha.core.periods import BEIJING
from fanzha.funds import services
from fanzha.funds.models import StatementKind
from fanzha.funds.presenting import View
from fanzha.funds.tracing import METHODS


def _case(text: str) -> Case:
    case = Case.objects.filter(case_number=text).first()
    if case is None and text.isdigit():
        case = Case.objects.filter(pk=int(text)).first()
    if case is None:
        raise CommandError(f"找不到案件「{text}」")
    return case


class Command(BaseCommand):
    help = "资金查控：trace 追踪资金流向；import 导入交易明细/开户信息；seed 录入受害人转账"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        trace = commands.add_parser("trace", help="追踪一个案件的资金流向")
        trace.add_argument("case")
        trace.add_argument("--method", choices=list(METHODS))
        trace.add_argument("--format", default="table", choices=["json", "table"])
        load = commands.add_parser("import", help="为案件导入一个交易明细或开户信息文件")
        load.add_argument("case")
        load.add_argument("file")
        load.add_argument("--kind", default=StatementKind.TRANSACTIONS, choices=list(StatementKind.values))
        load.add_argument("--account", default="", help="本方账号（文件中没有账号列时）")
        load.add_argument("--format", default="table", choices=["json", "table"])
        seed = commands.add_parser("seed", help="录入受害人转账（追踪起点）")
        seed.add_argument("case")
        seed.add_argument("--account", required=True)
        seed.add_argument("--at", required=True, help="转账时间，如 2024-03-05 14:22")
        seed.add_argument("--amount", required=True, help="金额（元）")
        seed.add_argument("--bank", default="")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _trace(self, case, method, format, **_):
        view = View(services.run_trace(_case(case), method), reveal=True)
        if format == "json":
            self.stdout.write(json.dumps(view.as_dict(), ensure_ascii=False, indent=2))
            return
        data = view.as_dict()
        self.stdout.write(f"案件 {data['case']} · {data['method_label']}")
        for level in data["levels"]:
            self.stdout.write(
                f"  {level['name']}：{level['accounts']} 个账户，流入本案资金 {level['amount']} 元"
            )
        for hop in data["hops"]:
            self.stdout.write(f"  - {hop['text']}{'（' + hop['stop'] + '）' if hop['stop'] else ''}")
        for row in data["freeze_candidates"]:
            self.stdout.write(
                f"  建议止付冻结 {row['account']} {row['bank']} {row['amount']} 元（{row['basis']}）"
            )
        for row in data["statement_requests"]:
            self.stdout.write(
                f"  建议调单 {row['account']} {row['bank']} {row['amount']} 元（{row['reason']}）"
            )

    def _import(self, case, file, kind, account, format, **_):
        outcome = services.import_statement(_case(case), file, None, kind=kind, account=account)
        if format == "json":
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        else:
            for error in outcome.errors:
                self.stdout.write(str(error))
            for note in outcome.notes:
                self.stdout.write(f"说明：{note}")
            if outcome.ok:
                self.stdout.write(
                    f"已导入：读取 {outcome.rows_read} 行，入库 {outcome.stored} 条，重复 {outcome.duplicates} 条"
                )
        if not outcome.ok:
            raise CommandError("文件有错误，未导入")

    def _seed(self, case, account, at, amount, bank, **_):
        try:
            moment = datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
        except ValueError as exc:
            raise CommandError("转账时间格式应为 2024-03-05 14:22") from exc
        try:
            fen = parse_money(amount)
        except MoneyError as exc:
            raise CommandError(str(exc)) from exc
        try:
            seed = services.add_victim_transfer(
                _case(case), None, account=account, at=moment, amount_fen=fen, bank=bank
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已录入受害人转账 {format_yuan(seed.amount_fen)} 元")
