"""The body of a 通报 as sections — a heading, paragraphs, tables of text — which the Word and the
Excel writers render alike and an issued 通报 archives as its figures. One section per function in
SECTION_BUILDERS: adding a section (the strike figures, say) is one more function and one more entry."""

import re
from dataclasses import asdict, dataclass, field

from fanzha.assessment.formulas import change_pct, signed_pct
from fanzha.core.money import format_wan
from fanzha.reports.monthly import MonthlyReport

CHINESE_NUMERALS = "一二三四五六七八九十"
NOTABILITY = {"high": "显著偏高", "low": "显著偏低", "normal": "正常波动", "no_baseline": "无历史数据"}
_FILE_CODE = re.compile(r"依据\d{3}方案")


@dataclass
class Table:
    heading: str
    columns: list[str]
    rows: list[list[str]]
    empty: str = "无"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Section":
        return cls(data["heading"], list(data["paragraphs"]), [Table(**t) for t in data["tables"]])


@dataclass
class Drafting:
    """What a person writes or confirms in a 通报: the paragraphs and the 依据 text."""

    features: str = ""
    requirements: str = ""
    basis: str = ""


def _pct(now: int, before: int) -> str:
    return signed_pct(change_pct(now, before))


def _wan(fen: int) -> str:
    return format_wan(fen).removesuffix("万元")


def _ranking_rows(rows) -> list[list[str]]:
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
            NOTABILITY[r.notability.key],
        ]
        for r in rows
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
NAMED_COLUMNS = ["排名", "单位", "发案数", "损失(万元)", "与自身历史相比"]


def _named_rows(rows) -> list[list[str]]:
    return [
        [str(r.ranks["cases"]), r.name, str(r.current.cases), _wan(r.current.loss_fen), r.notability.text]
        for r in rows
    ]


def ranking_tables(report: MonthlyReport) -> list[Table]:
    """The unit tables; a monthly 通报's top-N tables are the units it names (排名通报)."""
    n = report.top_n
    tables = [
        Table("各派出所发案情况", RANKING_COLUMNS, _ranking_rows(report.rankings["station"].rows)),
        Table("各乡镇（街道）发案情况", RANKING_COLUMNS, _ranking_rows(report.rankings["town"].rows)),
    ]
    if report.cadence.all_villages:
        tables.append(Table("各村（社区）发案情况", NAMED_COLUMNS, _named_rows(report.villages)))
    else:
        tables.append(Table(f"发案数居前{n}位的村（社区）", NAMED_COLUMNS, _named_rows(report.top_villages)))
        tables.append(Table(f"发案数居前{n}位的成员单位", NAMED_COLUMNS, _named_rows(report.top_units)))
    tables.append(type_table(report))
    return tables


def _share(part: int, whole: int) -> str:
    return "—" if not whole else f"{part * 100 / whole:.1f}%"


def supervision_tables(report: MonthlyReport, basis: str) -> list[Table]:
    def reason(text: str) -> str:
        return _FILE_CODE.sub(f"依据{basis}", text) if basis else text

    return [
        Table(
            "约谈、挂牌整治、评先评优",
            ["单位", "事项", "期间", "依据"],
            [[o.org.name, o.get_kind_display(), o.period, reason(o.reason)] for o in report.outcomes],
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
        Table(
            "督导检查发现问题整改情况",
            ["单位", "本期发现问题", "已销号", "未整改", "逾期未整改"],
            [[u.unit, str(u.found), str(u.closed), str(u.open), str(u.overdue)] for u in report.inspections],
        ),
    ]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def overview_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    return Section("基本情况", [report.summary()])


def features_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    paragraphs = _paragraphs(drafting.features)
    return Section("主要特点", paragraphs) if paragraphs else None


def type_table(report: MonthlyReport) -> Table:
    return Table(
        "发案类型分布",
        ["诈骗类型", "发案数", "占比", "损失(万元)"],
        [
            [name, str(cases), _share(cases, report.total.cases), _wan(loss)]
            for name, cases, loss in report.type_mix
        ],
    )


def figures_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    if report.cadence.public:  # a public 通告 names no unit
        return Section("发案类型", tables=[type_table(report)])
    return Section("各单位发案情况", tables=ranking_tables(report))


def strike_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    """止付冻结 per station (strike/queries.py): requests, money held and returned, documents on time,
    and the median minutes from 报案 to the first confirmed stop (the golden hour)."""
    if report.cadence.public or not report.strike:  # no request in the period: no section
        return None
    rows = [
        [
            f.station,
            str(f.requests),
            _wan(f.held_fen),
            _wan(f.returned_fen),
            "—" if f.documents_on_time_pct is None else f"{f.documents_on_time_pct}%",
            "—" if f.median_minutes_to_stop is None else f"{f.median_minutes_to_stop:g}",
        ]
        for f in report.strike
    ]
    columns = ["派出所", "请求数", "止付冻结(万元)", "返还(万元)", "文书按时送达率", "报案→止付中位数(分钟)"]
    return Section("止付冻结情况", tables=[Table("各派出所止付冻结", columns, rows)])


def supervision_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    if not report.cadence.supervision:
        return None
    return Section("督办事项", tables=supervision_tables(report, drafting.basis))


def requirements_section(report: MonthlyReport, drafting: Drafting) -> Section | None:
    paragraphs = _paragraphs(drafting.requirements)
    heading = "防范提示" if report.cadence.public else "工作要求"
    return Section(heading, paragraphs) if paragraphs else None


SECTION_BUILDERS = [
    overview_section,
    features_section,
    figures_section,
    strike_section,
    supervision_section,
    requirements_section,
]


def bulletin_sections(report: MonthlyReport, drafting: Drafting) -> list[Section]:
    """The numbered sections (一、二、…) and their numbered tables (（一）（二）…)."""
    sections = [s for build in SECTION_BUILDERS if (s := build(report, drafting)) is not None]
    for index, section in enumerate(sections):
        section.heading = f"{CHINESE_NUMERALS[index]}、{section.heading}"
        for number, table in enumerate(section.tables):
            table.heading = f"（{CHINESE_NUMERALS[number]}）{table.heading}"
    return sections


def monthly_tables(report: MonthlyReport, basis: str = "") -> list[Table]:
    """Every table of the document, in order (the Excel workbook has one sheet each)."""
    return [t for s in bulletin_sections(report, Drafting(basis=basis)) for t in s.tables]
