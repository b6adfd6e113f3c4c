"""The monthly 通报's supervision section lists the office's discretionary 约谈一把手 beside the rules'
约谈, and counts inspection findings per unit as of the month's end."""

from datetime import date, datetime

import pytest

from fanzha.assessment.models import Notice
from fanzha.assessment.services import record_interview
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.inspections import services as inspections
from fanzha.reports.monthly import build_report
from fanzha.reports.tables import supervision_tables

pytestmark = pytest.mark.django_db


def test_a_discretionary_interview_is_in_the_outcome_list(county, users):
    notice = Notice.objects.create(
        org=county["school"],
        kind="criticism",
        period="2026-03",
        issued_on=date(2026, 3, 5),
        reason="职工受骗多",
    )
    record_interview(users["county_admin"], county["school"], notice, date(2026, 3, 12), "职工连续受骗")
    report = build_report("monthly", Period.parse("2026-03"))
    assert [(o.kind, o.org.name) for o in report.outcomes if o.kind == "interview_head"] == [
        ("interview_head", "县第一中学")
    ]
    outcomes = supervision_tables(report, "")[0]
    assert ["县第一中学", "约谈一把手", "2026-03"] == outcomes.rows[0][:3]


def test_findings_are_counted_per_unit_as_of_the_months_end(county, users):
    office = users["county_admin"]
    with clock.frozen(datetime(2026, 3, 10, 9, tzinfo=BEIJING)):
        inspection = inspections.record_inspection(
            office,
            county["s1"],
            date(2026, 3, 10),
            "张三、李四",
            "止付冻结工作",
            "",
            [
                inspections.FindingInput("文书未按时送达", date(2026, 3, 20)),
                inspections.FindingInput("台账不全", date(2026, 4, 10)),
            ],
        )
        first, second = inspection.findings.order_by("deadline")
        inspections.report(office, second, "已补齐")
        inspections.review(office, second, True, "")
    with clock.frozen(datetime(2026, 4, 2, 9, tzinfo=BEIJING)):
        inspections.report(office, first, "已送达")
        inspections.review(office, first, True, "")  # closed in April: March's 通报 still counts it open
    march = build_report("monthly", Period.parse("2026-03"))
    table = supervision_tables(march, "")[-1]
    assert table.heading.startswith("督导检查")
    assert table.rows == [["城关派出所", "2", "1", "1", "1"]]
    april = build_report("monthly", Period.parse("2026-04"))
    assert supervision_tables(april, "")[-1].rows == []  # nothing found in April, nothing left open
