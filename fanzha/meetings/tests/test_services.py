"""The meeting actions on a moved clock: register, hold (the figures frozen), decisions as duties that
the unit reports and the office accepts, overdue when the deadline passes; each audited."""

from datetime import date, datetime, timedelta

import pytest

from fanzha.audit.models import ObjectChange
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.meetings import services
from fanzha.meetings.minutes import minutes_content, minutes_docx
from fanzha.meetings.models import MeetingState
from fanzha.meetings.tests.helpers import case_at, meeting
from fanzha.orgs.models import Population
from fanzha.prevention import duties
from fanzha.prevention.models import Duty, DutyStatus

NOW = datetime(2026, 12, 21, 9, 30, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


def changes(model, obj):
    return list(ObjectChange.objects.filter(model=model, object_id=str(obj.pk)).order_by("id"))


def test_register_with_attendees_is_audited(county, users):
    admin = users["county_admin"]
    made = meeting(
        admin, attendee_units=[county["s1"], county["school"]], attendee_people="城关派出所 李明 所长"
    )
    assert (made.org, made.state, made.figures) == (county["root"], MeetingState.PLANNED, None)
    assert set(made.attendee_units.all()) == {county["s1"], county["school"]}
    assert [c.action for c in changes("meetings.meeting", made)] == ["create"]


def test_a_month_written_otherwise_is_refused(users):
    with pytest.raises(services.MeetingError, match="研判月份「2026年11月」应写作 2026-11"):
        meeting(users["county_admin"], month="2026年11月")
    with pytest.raises(services.MeetingError, match="应写作 2026-11"):
        meeting(users["county_admin"], month="2026Q4")


def test_holding_freezes_the_figures_of_the_month(county, users):
    admin = users["county_admin"]
    Population.objects.create(org=county["v1"], year=2026, population=2000, households=600)
    Population.objects.create(org=county["c1"], year=2026, population=8000, households=2600)
    for _ in range(3):
        case_at(county["v1"], "2026-11-05", loss_fen=2_000_000)
    case_at(county["c1"], "2026-11-06")
    case_at(county["c1"], "2026-12-02")  # not in the month tabled
    made = services.hold(admin, meeting(admin))
    figures = made.figures
    assert (figures["month"], figures["cases"], figures["loss"]) == ("2026-11", 4, "6.10万元")
    stations = next(r for r in figures["rankings"] if r["level"] == "派出所")
    assert [(e["name"], e["cases"], e["rank_cases"]) for e in stations["top"]] == [
        ("城关派出所", 3, 1),
        ("河东派出所", 1, 2),
    ]
    villages = next(r for r in figures["rankings"] if r["level"] == "村/社区")
    assert [(e["name"], e["per_10k"]) for e in villages["top_per_10k"]] == [
        ("青山镇东风村", "15.00"),  # 3 cases of 2,000 people
        ("河东街道滨江社区", "1.25"),  # 1 of 8,000
    ]
    assert [e["name"] for e in villages["bottom"]] == ["河东街道新村", "青山镇新村"]
    assert "河东街道新村" not in str(villages["top"])
    assert made.state == MeetingState.HELD and made.held_at == NOW
    case_at(county["v1"], "2026-11-07")  # entered after the meeting: what was tabled stays
    made.refresh_from_db()
    assert made.figures["cases"] == 4
    with pytest.raises(services.MeetingError, match="已确认召开"):
        services.hold(admin, made)
    assert [c.action for c in changes("meetings.meeting", made)] == ["create", "update"]


def test_a_decision_becomes_a_duty_tracked_to_acceptance_and_overdue_on_the_clock(county, users):
    admin = users["county_admin"]
    made = meeting(admin)
    decision = services.decide(admin, made, county["school"], "组织全校师生开展反诈宣传", date(2026, 12, 31))
    duty = decision.duty
    assert (duty.org, duty.title, duty.deadline, duty.status) == (
        county["school"],
        "组织全校师生开展反诈宣传",
        date(2026, 12, 31),
        DutyStatus.OPEN,
    )
    assert "2026年12月研判会商（2026-12-21）议定事项" == duty.detail
    assert changes("prevention.duty", duty)[0].action == "create"
    assert changes("meetings.decision", decision)[0].action == "create"
    assert not duty.is_overdue(clock.now().date())
    clock.advance(timedelta(days=11))  # 2027-01-01: past the deadline, not reported
    assert duty.is_overdue(clock.now().astimezone(BEIJING).date())
    assert list(duties.overdue(Duty.objects.all(), clock.now().date())) == [duty]
    duties.submit(users["unit_liaison"], duty, "已于1月2日开展宣传，覆盖师生2000人")
    duties.review(admin, duty, accept=True, note="")
    duty.refresh_from_db()
    assert duty.status == DutyStatus.ACCEPTED and not duty.is_overdue(clock.now().date())


def test_decisions_are_checked(county, users):
    admin = users["county_admin"]
    made = meeting(admin)
    with pytest.raises(services.MeetingError, match="请填写议定事项"):
        services.decide(admin, made, county["school"], "  ", date(2026, 12, 31))
    with pytest.raises(services.MeetingError, match="完成时限不能早于会议日期"):
        services.decide(admin, made, county["school"], "开展宣传", date(2026, 12, 1))
    services.decide(admin, made, county["school"], "开展宣传", date(2026, 12, 31))
    with pytest.raises(services.MeetingError, match="县第一中学2026年度已有同名任务「开展宣传」"):
        services.decide(admin, made, county["school"], "开展宣传", date(2026, 12, 30))


def test_a_town_convenes_only_in_its_subtree(county, users):
    town_user = users["town_staff"]
    with pytest.raises(services.MeetingError, match="只能登记本单位召集的会议"):
        meeting(town_user, org=county["street"])
    made = meeting(town_user, attendee_units=[county["town"]])
    with pytest.raises(services.MeetingError, match="责任单位「河东派出所」不在本单位辖区内"):
        services.decide(town_user, made, county["s2"], "开展宣传", date(2026, 12, 31))
    with pytest.raises(services.MeetingError, match="参会单位「县第一中学」不在本单位辖区内"):
        services.edit(
            town_user,
            made,
            services.MeetingInput(
                "consultation", made.held_on, made.title, "2026-11", attendee_units=[county["school"]]
            ),
        )


def test_a_held_meeting_keeps_its_kind_and_month(users):
    admin = users["county_admin"]
    made = services.hold(admin, meeting(admin))
    with pytest.raises(services.MeetingError, match="会议类型和研判月份不能再改"):
        services.edit(admin, made, services.MeetingInput("consultation", made.held_on, made.title, "2026-10"))
    services.edit(
        admin,
        made,
        services.MeetingInput("consultation", made.held_on, made.title, "2026-11", minutes="一、通报形势"),
    )
    made.refresh_from_db()
    assert made.minutes == "一、通报形势"


def test_minutes_as_word(county, users):
    admin = users["county_admin"]
    case_at(county["v1"], "2026-11-05")
    made = meeting(
        admin,
        attendee_units=[county["s1"]],
        minutes="会议通报了11月发案形势。\n部署下阶段工作。",
        chair="王局长",
    )
    services.hold(admin, made)
    services.decide(admin, made, county["s1"], "对东风村开展集中宣传", date(2027, 1, 10))
    content = minutes_content(made)
    text = " ".join(
        [content.title, content.intro]
        + [p for s in content.sections for p in s.paragraphs]
        + [c for s in content.sections for t in s.tables for row in t.rows for c in row]
    )
    assert "2026年12月研判会商纪要" == content.title
    assert "会议由王局长主持。" in text and "参会单位：城关派出所。" in text
    assert "2026年11月，示范县发案1起" in text
    assert "对东风村开展集中宣传" in text and "待落实" in text
    assert minutes_docx(made)[:2] == b"PK"
