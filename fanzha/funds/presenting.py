"""A case's trace as people read it: account labels (masked unless revealed), the level tree, the
graph's data, the hop explanations and the three lists, for the page, the exports, the annex and the CLI."""

from dataclasses import dataclass

from fanzha.core.masking import mask_account, mask_id_number, mask_phone
from fanzha.core.money import format_yuan
from fanzha.funds import tracing
from fanzha.funds.queries import CaseTrace

STOP_LABELS = {
    "": "",
    tracing.NO_STATEMENT: "未调取流水",
    tracing.PAYMENT: "支付机构（须向平台调取）",
    tracing.BEYOND: "超出追踪层级",
    tracing.BELOW: "低于追踪阈值",
    tracing.CASH_OUT: "现金支取",
    "去向不明": "去向不明",
}
LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级", 6: "六级"}


def level_name(level: int) -> str:
    return LEVEL_NAMES.get(level, f"{level}级")


@dataclass
class View:
    data: CaseTrace
    reveal: bool

    @property
    def trace(self) -> tracing.Trace:
        return self.data.trace

    def number(self, account: str) -> str:
        if account in (tracing.CASH, tracing.UNKNOWN, tracing.VICTIM):
            return account
        return account if self.reveal else mask_account(account)

    def name(self, account: str) -> str:
        """「6222****1234（张三）」"""
        summary = self.trace.accounts.get(account)
        holder = summary.name if summary else ""
        return f"{self.number(account)}（{holder}）" if holder else self.number(account)

    def bank(self, account: str) -> str:
        holder = self.data.holders.get(account)
        return (holder.bank if holder and holder.bank else "") or self.data.banks.get(account, "")

    def explanations(self) -> list[dict]:
        rows = []
        for edge in self.trace.edges:
            if edge.source == tracing.VICTIM:
                continue
            rows.append(
                {
                    "level": edge.level,
                    "level_name": level_name(edge.level),
                    "source": self.name(edge.source),
                    "target": self.name(edge.target),
                    "at": edge.at,
                    "amount": edge.amount,
                    "traced": edge.traced_total,
                    "method": tracing.METHODS[edge.method],
                    "stop": STOP_LABELS.get(edge.stop, edge.stop),
                    "text": tracing.explain(edge, self.name),
                }
            )
        return rows

    def tree(self) -> list[dict]:
        """The level tree, depth first from the victim: each account under the first account that sent
        it the victims' money from the level above."""
        children: dict[str, list[str]] = {}
        for edge in self.trace.edges:
            if edge.target not in self.trace.accounts:
                continue
            parent_level = 0 if edge.source == tracing.VICTIM else self.trace.accounts[edge.source].level
            if parent_level != edge.level - 1:
                continue
            siblings = children.setdefault(edge.source, [])
            if edge.target not in siblings:
                siblings.append(edge.target)
        rows, placed = [], set()

        def walk(account: str, depth: int) -> None:
            for child in children.get(account, []):
                if child in placed:
                    continue
                placed.add(child)
                rows.append(self.account_row(child) | {"depth": depth})
                walk(child, depth + 1)

        walk(tracing.VICTIM, 0)
        return rows

    def account_row(self, account: str) -> dict:
        s = self.trace.accounts[account]
        return {
            "account": self.number(account),
            "holder": s.name,
            "bank": self.bank(account),
            "level": s.level,
            "level_name": level_name(s.level),
            "received": s.received,
            "sent": s.sent,
            "remaining": s.remaining,
            "has_statement": s.has_statement,
            "stop": STOP_LABELS.get(s.stop, s.stop),
            "tags": s.tags,
        }

    def freeze_rows(self) -> list[dict]:
        rows = []
        for rank, s in enumerate(self.trace.freeze_candidates(), start=1):
            rows.append(
                self.account_row(s.account)
                | {
                    "rank": rank,
                    "amount": self.trace.freezable(s),
                    "basis": "流水显示本案资金仍留存" if s.has_statement else "已流入，尚未调取流水",
                }
            )
        return rows

    def request_rows(self) -> list[dict]:
        return [
            self.account_row(s.account) | {"reason": STOP_LABELS[s.stop]}
            for s in self.trace.statement_requests()
        ]

    def holder_rows(self) -> list[dict]:
        rows = []
        for holder, others in self.data.same_holder:
            for other in others:
                rows.append(
                    {
                        "traced": self.number(holder.account),
                        "name": holder.name,
                        "id_number": holder.id_number if self.reveal else mask_id_number(holder.id_number),
                        "account": self.number(other.account),
                        "bank": other.bank,
                        "status": other.status,
                        "phones": other.phones
                        if self.reveal
                        else "、".join(mask_phone(p) for p in other.phones.split("、") if p),
                    }
                )
        return rows

    def graph(self) -> dict:
        """Nodes and edges for the ECharts graph: x by level, the amount on each edge."""
        nodes, index = [], {}

        def node(key: str, level: int, label: str, category: int) -> None:
            if key in index:
                return
            index[key] = len(nodes)
            nodes.append({"id": key, "name": label, "level": level, "category": category})

        node(tracing.VICTIM, 0, "受害人", 0)
        for s in sorted(self.trace.accounts.values(), key=lambda s: (s.level, -s.received)):
            category = 1 if s.has_statement else 2
            if s.stop == tracing.PAYMENT:
                category = 3
            node(s.account, s.level, f"{self.number(s.account)}\n{format_yuan(s.received)}元", category)
        links: dict[tuple[str, str], int] = {}
        for edge in self.trace.edges:
            target = edge.target
            if target in (tracing.CASH, tracing.UNKNOWN):
                target = f"{target}:{edge.source}"
                node(target, edge.level, edge.target, 4)
            links[(edge.source, target)] = links.get((edge.source, target), 0) + edge.traced_total
        return {
            "nodes": [{**n, "id": str(i)} for i, n in enumerate(nodes)],
            "links": [
                {"source": str(index[a]), "target": str(index[b]), "value": format_yuan(v)}
                for (a, b), v in links.items()
            ],
            "categories": ["受害人", "已调流水", "未调流水", "支付机构", "现金/不明"],
        }

    def levels(self) -> list[dict]:
        amounts = self.trace.level_amounts()
        groups = self.trace.levels()
        return [
            {
                "level": level,
                "name": level_name(level),
                "accounts": len(groups.get(level, [])),
                "amount": amounts.get(level, 0),
            }
            for level in sorted(set(amounts) | set(groups))
        ]

    def as_dict(self) -> dict:
        def money(value):
            return format_yuan(value, grouping=False)

        return {
            "case": self.data.case.case_number,
            "method": self.trace.rules.method,
            "method_label": tracing.METHODS[self.trace.rules.method],
            "levels": [{**lv, "amount": money(lv["amount"])} for lv in self.levels()],
            "accounts": [
                {
                    **row,
                    "received": money(row["received"]),
                    "sent": money(row["sent"]),
                    "remaining": money(row["remaining"]),
                }
                for row in self.tree()
            ],
            "hops": [
                {
                    **row,
                    "at": row["at"].isoformat(),
                    "amount": money(row["amount"]),
                    "traced": money(row["traced"]),
                }
                for row in self.explanations()
            ],
            "freeze_candidates": [
                {
                    "account": r["account"],
                    "bank": r["bank"],
                    "amount": money(r["amount"]),
                    "basis": r["basis"],
                }
                for r in self.freeze_rows()
            ],
            "statement_requests": [
                {
                    "account": r["account"],
                    "bank": r["bank"],
                    "amount": money(r["received"]),
                    "reason": r["reason"],
                }
                for r in self.request_rows()
            ],
            "same_holder": self.holder_rows(),
        }
