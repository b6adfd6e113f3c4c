"""A 通报 as it is printed: letterhead (发文机关, 期号), title, the 依据 sentence, the sections, 落款 and
date. This is what an issued 通报 archives as its figures (as_json) and what Word and Excel render, so
an archived one renders again from it exactly."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.parameters import config
from fanzha.reports.drafting import suggested_features, suggested_requirements
from fanzha.reports.monthly import MonthlyReport
from fanzha.reports.tables import Drafting, Section, bulletin_sections

NOTE = (
    "注：发案数不含撤案案件；万人发案数＝发案数÷当年人口×10000；“与自身历史相比”以本单位近12个月平均发案为基准，"
    "按泊松分布95%范围判断，仅供研判参考，不改变排名与通报规则。"
)

PUBLIC_NOTE = "注：发案数为本县公安机关受理的电信网络诈骗案件数，不含撤案案件。"


@dataclass
class Content:
    title: str
    issuer: str
    number: str  # 〔2024〕第3期, or 草稿 for a draft
    intro: str
    sections: list[Section]
    signatory: str
    dated: str  # 2024年4月3日
    note: str = NOTE
    named: list[dict] = field(default_factory=list)  # the units its ranking sections name

    def as_json(self) -> dict:
        data = dict(self.__dict__)
        data["sections"] = [s.as_json() for s in self.sections]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Content":
        data = dict(data)
        data["sections"] = [Section.from_json(s) for s in data["sections"]]
        return cls(**data)


def as_of_note(report: MonthlyReport) -> str:
    """Said when cases entered after the cut-off were left out (reports/as_of.py)."""
    if report.entered_before is None:
        return ""
    last = (report.entered_before - timedelta(seconds=1)).astimezone(BEIJING)
    return f"本期数据以{chinese_date(last.date())}24时前录入台账的案件为准，此后补录的案件不计入本期。"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def default_issuer(county: str) -> str:
    return config.current()["bulletin.issuer"] or f"{county}反电信网络诈骗中心"


def default_signatory(issuer: str) -> str:
    return config.current()["bulletin.signatory"] or issuer


def named_units(report: MonthlyReport) -> list[dict]:
    """The units a monthly 通报's top-N sections name, as recorded when it is issued."""
    if not report.cadence.names_units:
        return []
    return [
        {
            "org_id": r.org_id,
            "level": level,
            "name": r.name,
            "position": r.ranks["cases"],
            "cases": r.current.cases,
            "loss_fen": r.current.loss_fen,
        }
        for level, rows in (("village", report.top_villages), ("unit", report.top_units))
        for r in rows
    ]


def build_content(
    report: MonthlyReport,
    *,
    issuer: str,
    number: str,
    signatory: str,
    dated: date,
    features: str,
    requirements: str,
) -> Content:
    settings = config.current()
    basis = settings["bulletin.basis"]
    cadence = report.cadence
    what = "防范治理电信网络诈骗工作情况" if cadence.verb == "报告" else "电信网络诈骗案件情况"
    intro = f"现将{report.period.label}全{report.county[-1:] or '县'}{what}{cadence.verb}如下："
    if basis:
        intro = f"根据{basis}要求，{intro}"
    if cadence.salutation and settings[cadence.salutation]:
        intro = f"{settings[cadence.salutation]}：\n{intro}"
    drafting = Drafting(features=features, requirements=requirements, basis=basis)
    return Content(
        title=report.title,
        issuer=issuer,
        number=number,
        intro=intro,
        sections=bulletin_sections(report, drafting),
        signatory=signatory,
        dated=chinese_date(dated),
        named=named_units(report),
        note=(PUBLIC_NOTE if cadence.public else NOTE) + as_of_note(report),
    )


def draft_content(report: MonthlyReport, dated: date | None = None) -> Content:
    """A 通报 as the figures would write it: the suggested paragraphs, no 期号 yet (草稿)."""
    issuer = default_issuer(report.county)
    return build_content(
        report,
        issuer=issuer,
        number="（草稿）",
        signatory=default_signatory(issuer),
        dated=dated or clock.now().astimezone(BEIJING).date(),
        features=suggested_features(report),
        requirements=suggested_requirements(report),
    )
