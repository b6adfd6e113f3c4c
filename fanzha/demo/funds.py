"""Demo 资金查控: two cases of the first station whose victims' money runs through the same mule account,
as bank statements and 开户信息 written in the layouts banks deliver and imported like a user's upload."""

from datetime import datetime, timedelta
from pathlib import Path

from fanzha.cases.models import Case
from fanzha.core.periods import BEIJING
from fanzha.funds import services
from fanzha.funds.models import StatementKind
from fanzha.orgs.models import OrgUnit

A, B, C, D = "6212261202001234561", "6228480038812345672", "6217002870012345683", "6222021001123456794"
SECOND_OF_A = "6230520012345678905"
TENPAY = "243300133"  # a payment institution's reserve account (备付金)
VICTIM_1, VICTIM_2 = "6217991234000011112", "6222081234000022223"


def _statement(path: Path, account: str, holder: str, bank: str, opening: int, rows: list[tuple]) -> Path:
    """rows: (time, 借/贷, yuan, counterparty, name, summary, 现/转) → a 农行-style two-column statement."""
    balance = opening
    lines = [
        f"{bank}个人账户交易明细",
        f"查询账号：{account},户名：{holder}",
        "交易日期,交易时间,借贷标志,交易金额,余额,对方账号,对方户名,摘要,交易流水号,现转标志",
    ]
    for number, (moment, flag, yuan, other, name, summary, cash) in enumerate(rows, start=1):
        balance += yuan if flag == "贷" else -yuan
        cells = [f"{moment:%Y%m%d}", f"{moment:%H%M%S}", flag, f"{yuan:.2f}", f"{balance:.2f}", other, name]
        lines.append(",".join([*cells, summary, f"{account[-4:]}{number:04d}", cash]))
    lines.append("合计,,,,,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")
    return path


def create(folder: Path) -> dict:
    station = OrgUnit.objects.filter(kind="station").order_by("code").first()
    # the latest cases whose loss covers the victim's transfer below (50,000 and 20,000 元)
    recent = Case.objects.filter(station=station).order_by("-reported_at")
    first = recent.filter(loss_fen__gte=5_000_000).first()
    second = recent.filter(loss_fen__gte=2_000_000).exclude(pk=getattr(first, "pk", None)).first()
    if first is None or second is None:
        return {}
    start = first.reported_at.astimezone(BEIJING).replace(
        hour=10, minute=2, second=0, microsecond=0
    ) - timedelta(days=1)

    def t(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    files = [
        _statement(
            folder / "一级账户A.csv",
            A,
            "张某某",
            "中国工商银行",
            1200,
            [
                (t(0), "贷", 50000, VICTIM_1, "受害人", "转账", "转"),
                (t(7), "借", 30000, B, "李某某", "网银转账", "转"),
                (t(13), "借", 19800, C, "王某某", "手机银行转账", "转"),
            ],
        ),
        _statement(
            folder / "二级账户B.csv",
            B,
            "李某某",
            "中国农业银行",
            300,
            [
                (t(3), "贷", 20000, VICTIM_2, "受害人", "转账", "转"),
                (t(7), "贷", 30000, A, "张某某", "网银转账", "转"),
                (t(18), "借", 15000, D, "赵某某", "网银转账", "转"),
                (t(23), "借", 10000, TENPAY, "财付通支付科技有限公司", "快捷支付", "转"),
                (t(38), "借", 5000, "", "", "ATM取款", "现"),
            ],
        ),
        _statement(
            folder / "三级账户D.csv",
            D,
            "赵某某",
            "中国建设银行",
            80,
            [
                (t(18), "贷", 15000, B, "李某某", "网银转账", "转"),
                (t(300), "借", 200, "", "", "消费", "转"),
            ],
        ),
    ]
    for path in files:
        outcome = services.import_statement(first, path, None, filename=path.name)
        if not outcome.ok:
            raise ValueError("演示流水导入失败：" + "；".join(str(e) for e in outcome.errors[:3]))
    opening = folder / "开户信息.csv"
    holders = [
        "账号,户名,证件号码,开户行,开户日期,开户网点,账户状态,绑定手机",
        f"{A},张某某,361123199001010037,中国工商银行,2023-11-02,城关支行,正常,13907001234",
        f"{SECOND_OF_A},张某某,361123199001010037,中国邮政储蓄银行,2024-01-15,青山营业所,正常,13907001234",
        f"{B},李某某,361123199203040023,中国农业银行,2023-12-20,河东支行,正常,13607005678",
    ]
    opening.write_text("\n".join(holders) + "\n", encoding="utf-8")
    outcome = services.import_statement(
        first, opening, None, filename=opening.name, kind=StatementKind.OPENING
    )
    if not outcome.ok:
        raise ValueError("演示开户信息导入失败：" + "；".join(str(e) for e in outcome.errors[:3]))
    services.add_victim_transfer(first, None, account=A, bank="中国工商银行", at=t(0), amount_fen=5_000_000)
    services.add_victim_transfer(second, None, account=B, bank="中国农业银行", at=t(3), amount_fen=2_000_000)
    return {"资金流水": len(files), "涉及案件": 2}
