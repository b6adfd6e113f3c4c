"""A 通报 of a past period states the facts as of the period's end (reports/as_of.py, docs/indicators.md
期末口径): a case entered after the end changes nothing in it, and neither does a 倒查 or a 挂牌整治 that
came after; the ledger's first day (the history loaded when a centre starts) counts from the beginning."""

import io
from datetime import datetime

from docx import Document

from fanzha.assessment.escalations import NamedUnit, record_bulletin_notices
from fanzha.cases.tests.builders import add_cases
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.parameters import config
from fanzha.reports.monthly import build_report
from fanzha.reports.services import document_bytes, draft_bulletin, issue_bulletin

APRIL_3 = datetime(2024, 4, 3, 10, 0, tzinfo=BEIJING)
FEBRUARY = Period(2024, 2, 1)


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_a_case_entered_in_march_is_not_in_februarys_draft_made_in_april(stations, users):
    add_cases(stations["vA"], "2024-01-15", 1, created_at=at("2024-01-15"))  # the ledger's first day
    add_cases(stations["vA"], "2024-02-10", 2, created_at=at("2024-02-10", 15))
    add_cases(stations["vB"], "2024-02-28", 1, created_at=at("2024-03-01"))  # entered after the end
    add_cases(stations["vB"], "2024-03-05", 1, created_at=at("2024-03-05"))
    admin = users["county_admin"]
    with clock.frozen(APRIL_3):
        report = build_report("monthly", FEBRUARY)
        assert report.total.cases == 2 and report.previous.cases == 1
        station_b = next(r for r in report.rankings["station"].rows if r.name == "B派出所")
        assert station_b.current.cases == 0
        draft = draft_bulletin(admin, "monthly", "2024-02")
        texts = _texts(document_bytes(draft))
        summary = next(t for t in texts if t.startswith("2024年2月，全县"))
        assert "共发生电信网络诈骗案件2起" in summary
        assert any("本期数据以2024年2月29日24时前录入台账的案件为准" in t for t in texts)
        issued = issue_bulletin(admin, draft)
    assert issued.figures["sections"][0]["paragraphs"][0] == summary
    # a county that enters the last day's cases the next morning allows a day or two
    config.change("bulletin.late_entry_days", 2, admin)
    with clock.frozen(APRIL_3):
        assert build_report("monthly", FEBRUARY).total.cases == 3


def test_the_history_loaded_on_the_first_day_counts_for_every_period(stations):
    add_cases(stations["vA"], "2024-02-10", 2, created_at=at("2024-06-01"))  # the first load, in June
    add_cases(stations["vA"], "2024-02-12", 1, created_at=at("2024-06-20"))  # entered later
    with clock.frozen(at("2024-07-01")):
        report = build_report("monthly", FEBRUARY)
    assert report.total.cases == 2 and report.entered_before == at("2024-06-02", 0)


def test_outcomes_opened_after_the_end_are_not_februarys(stations, users):
    add_cases(stations["vA"], "2024-01-05", 1, created_at=at("2024-01-05"))
    add_cases(stations["vA"], "2024-02-06", 1, loss_yuan=600_000, created_at=at("2024-02-06"))
    late = add_cases(stations["vB"], "2024-02-20", 1, loss_yuan=700_000, created_at=at("2024-03-12"))[0]
    config.change("rectification.threshold", 2, users["county_admin"])
    for number, day in enumerate(("2024-01-28", "2024-02-27", "2024-03-28"), start=1):
        record_bulletin_notices(
            Period.month_of(datetime.fromisoformat(day).date()),
            f"〔2024〕第{number}期",
            datetime.fromisoformat(day).date(),
            [NamedUnit(stations["vC"].pk, "village", 1, 4, 0)],
        )
    with clock.frozen(APRIL_3):
        february = build_report("monthly", FEBRUARY)
        march = build_report("monthly", Period(2024, 3, 1))
    # the 倒查 of the case entered in March is not in February's, though its report date is
    assert [o.case.loss_fen for o in february.reviews] == [60_000_000]
    assert late.pk not in [o.case_id for o in february.reviews]
    assert late.pk not in [o.case_id for o in february.unfinished]
    # 挂牌整治 as counted on 29 February: two notices, not the third of 28 March
    [listed] = [o for o in february.outcomes if o.kind == "listed_for_rectification"]
    assert "截至2024年2月29日被通报2次（1月、2月）" in listed.reason
    [listed] = [o for o in march.outcomes if o.kind == "listed_for_rectification"]
    assert "截至2024年3月31日被通报3次" in listed.reason
