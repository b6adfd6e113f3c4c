"""Transparent patterns that say why a text was flagged. They follow the publicity rules the plans
repeat (五个凡是 and the high-incidence methods); they explain, the learned model classifies."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str
    pattern: re.Pattern


def _rule(rule_id: str, reason: str, pattern: str) -> Rule:
    return Rule(rule_id, reason, re.compile(pattern))


RULES = [
    _rule("safe_account", "要求转账到“安全账户”", r"安全账户|资金核查|清查账户"),
    _rule(
        "police_impersonation",
        "自称公检法并涉及资金或案件",
        r"(公安|检察|法院|警官|民警).{0,20}(涉嫌|洗钱|通缉|逮捕|冻结|转账|汇款)",
    ),
    _rule("prize_fee", "中奖、领奖先交钱", r"(中奖|领奖|奖品|幸运用户).{0,30}(手续费|保证金|税费|先交|缴纳)"),
    _rule("verification_code", "索要银行卡信息或验证码", r"验证码|银行卡(号|密码)|CVV|有效期"),
    _rule("task_rebate", "刷单返利、先垫付后返还", r"刷单|点赞.{0,6}(佣金|返利)|垫付|做任务.{0,10}(返|佣金)"),
    _rule("loan_fee", "贷款先交费用", r"(贷款|额度|放款).{0,30}(手续费|保证金|解冻|激活费|会员费)"),
    _rule(
        "refund_service",
        "冒充客服退款、理赔",
        r"(客服|售后).{0,30}(退款|理赔|赔付|注销)|(退款|理赔).{0,20}(客服|链接)",
    ),
    _rule(
        "investment",
        "高回报投资理财、内幕消息",
        r"(稳赚|保本|高回报|内幕|带单|导师).{0,20}(投资|理财|股票|币|收益)?",
    ),
    _rule("urgent_transfer", "冒充熟人领导急需转账", r"(领导|老板|亲戚|同学|是我).{0,30}(急需|借|转账|汇款)"),
    _rule(
        "link_or_app",
        "引导点击链接或下载陌生 App",
        r"(点击|打开|下载|访问).{0,10}(链接|网址|APP|App|app|URL)",
    ),
]


def matched(text: str) -> list[str]:
    return [rule.id for rule in RULES if rule.pattern.search(text)]


def reasons(ids: list[str]) -> list[str]:
    by_id = {rule.id: rule.reason for rule in RULES}
    return [by_id[i] for i in ids if i in by_id]
