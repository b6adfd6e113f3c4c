"""The tables of a monthly 通报, as (heading, column labels, rows of text): the Word and the Excel
outputs show the same tables."""

from dataclasses import dataclass

from fanzha.assessment.formulas import change_pct, signed_pct
from fanzha.core.money import format_wan
from fanzha.reports.monthly import MonthlyReport

CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass
class Table:
    heading: str
    columns: list[str]
    rows: list[list[str]]
    empty: str = "无"


def _pct(now: int, before: int) -> str:
    return signed_pct(change_pct(now, before))


def _wan(fen: int) -> str:
    return format_wan(fen).removesuffix("万元")


def _ranking_rows(ranking) -> list[list[str]]:
    return [
        [
            str(r.ranks["cases"]),
            r.name,
            str(r.current.cases),
            _pct(r.current.cases, r.last_year.cases),
            _wan(r.current.loss_fen),
            _pct(r.current.loss_fen, r.last_year.loss_fen),
            "未录入人口" if r.per_10k is None else str(r.per_10k),
            "—" if r.ranks["per_10k"] is None else str(r.ranks["per_10k"]),
            {"high": "显著偏高", "low": "显著偏低", "normal": "正常波动", "no_baseline": "无历史数据"}[
                r.notability.key
            ],
        ]
        for r in ranking.rows
    ]


RANKING_COLUMNS = [
    "排名",
    "单位",
    "发案数",
    "同比",
    "损失(万元)",
    "损失同比",
    "万人发案数",
    "万人排名",
    "历史对比",
]


def monthly_tables(report: MonthlyReport) -> list[Table]:
    tables = [
        Table("各派出所发案情况", RANKING_COLUMNS, _ranking_rows(report.rankings["station"])),
        Table("各乡镇（街道）发案情况", RANKING_COLUMNS, _ranking_rows(report.rankings["town"])),
        Table(
            "发案数居前的村（社区）",
            ["排名", "村（社区）", "发案数", "损失(万元)", "与自身历史相比"],
            [
                [
                    str(r.ranks["cases"]),
                    r.name,
                    str(r.current.cases),
                    _wan(r.current.loss_fen),
                    r.notability.text,
                ]
                for r in report.top_villages
            ],
        ),
        Table(
            "发案类型分布",
            ["诈骗类型", "发案数", "损失(万元)"],
            [[name, str(cases), _wan(loss)] for name, cases, loss in report.type_mix],
        ),
        Table(
            "督办事项（约谈、挂牌整治、评先评优）",
            ["单位", "事项", "期间", "依据"],
            [[o.org.name, o.get_kind_display(), o.period, o.reason] for o in report.outcomes],
        ),
        Table(
            "全环节倒查案件（损失50万元以上）",
            ["案件编号", "诈骗类型", "发案地", "损失(万元)"],
            [
                [o.case.case_number, o.case.fraud_type.name, o.org.name, _wan(o.case.loss_fen)]
                for o in report.reviews
            ],
        ),
        Table(
            "止付冻结情况",
            ["派出所", "请求数", "止付冻结(万元)", "返还(万元)", "文书按时送达率", "报案→止付中位数(分钟)"],
            [
                [
                    f.station,
                    str(f.requests),
                    _wan(f.held_fen),
                    _wan(f.returned_fen),
                    "—" if f.documents_on_time_pct is None else f"{f.documents_on_time_pct}%",
                    "—" if f.median_minutes_to_stop is None else f"{f.median_minutes_to_stop:g}",
                ]
                for f in report.strike
            ],
        ),
    ]
    for index, table in enumerate(tables):
        table.heading = f"{CHINESE_NUMERALS[index]}、{table.heading}"
    return tables
