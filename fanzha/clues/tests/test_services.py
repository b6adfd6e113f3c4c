"""The clue actions: receive → match → assign (or the county queue), 核查结果, 打处; each audited and
atomic; overdue and the figures on a moved clock."""

from datetime import date, datetime

import pytest

from fanzha.audit.models import ObjectChange
from fanzha.clues import queries, rules, services
from fanzha.clues.models import Clue, ClueMatch, ClueState
from fanzha.clues.tests.helpers import case_with, clue
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.parameters import config

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


def changes(obj):
    return list(ObjectChange.objects.filter(model="clues.clue", object_id=str(obj.pk)).order_by("id"))


def test_received_clue_is_matched_assigned_and_audited(county, users):
    older = case_with(county["v1"], "2026-03-01", value="+8613800138000")  # as the case ledger stores it
    newer = case_with(county["c1"], "2026-11-02")
    made = clue("138-0013-8000", user=users["county_admin"])
    assert (made.value, made.station, made.state) == ("13800138000", county["s2"], ClueState.PENDING)
    assert (
        made.assignment_note
        == "匹配2条案件记录，涉及2个派出所，按最近一条（2026-11-02的案件）分配至河东派出所"
    )
    assert made.deadline == date(2026, 12, 4)  # received 12-01 + 3 days
    assert sorted(ClueMatch.objects.filter(clue=made).values_list("record_id", flat=True)) == sorted(
        [older.pk, newer.pk]
    )
    (created,) = changes(made)
    assert (created.action, created.username, created.after["state"]) == ("create", "county_admin", "pending")


def test_unmatched_clue_waits_in_the_county_queue_and_is_assigned_by_hand(county, users):
    made = clue("http://fake.example/pay", kind="url", deadline=date(2026, 12, 20))
    assert (made.station, made.state, made.assigned_by, made.deadline) == (
        None,
        ClueState.UNASSIGNED,
        "county",
        date(2026, 12, 20),
    )
    with pytest.raises(services.ClueError, match="县局待分配"):
        services.record_finding(users["county_admin"], made, landed=True, finding="查明")
    services.assign(users["county_admin"], made, county["s1"])
    made.refresh_from_db()
    assert (made.station, made.state, made.assigned_by) == (county["s1"], ClueState.PENDING, "manual")
    assert changes(made)[-1].before["station"] is None
    with pytest.raises(services.ClueError, match="管辖范围"):
        services.assign(users["station_officer"], made, county["s2"])


def test_finding_then_strike(county, users):
    case_with(county["v1"], "2026-11-02")
    made = clue()
    officer = users["station_officer"]
    with pytest.raises(services.ClueError, match="请填写核查结果"):
        services.record_finding(officer, made, landed=True, finding="  ")
    services.record_finding(officer, made, landed=True, finding="机主王某，已查明住址")
    assert (made.state, made.verified_at, made.officer) == (ClueState.VERIFIED, NOW, "station_officer")
    with pytest.raises(services.ClueError, match="已登记核查结果"):
        services.record_finding(officer, made, landed=False, finding="再来")
    with pytest.raises(services.ClueError, match="不是有效的|校验"):
        services.record_strike(officer, made, people=1, handled_people="王某 361123198001010015")
    services.record_strike(officer, made, people=2, handled_people="王某 361123198001010016\n李某")
    made.refresh_from_db()
    assert (made.state, made.people_handled, made.struck_at) == (ClueState.STRUCK, 2, NOW)
    assert made.handled_people == "王某 361123198001010016\n李某"
    assert made.masked_people == "王某 361***********0016\n李某"
    last = changes(made)[-1]
    assert (last.before["state"], last.after["state"], last.after["people_handled"]) == (
        "verified",
        "struck",
        2,
    )
    with pytest.raises(services.ClueError, match="状态为“已打处”"):
        services.record_strike(officer, made, people=1)


def test_strike_straight_from_pending_needs_the_finding_and_counts(county, users):
    case_with(county["v1"], "2026-11-02")
    made = clue()
    with pytest.raises(services.ClueError, match="请填写核查结果"):
        services.record_strike(users["station_officer"], made, people=1)
    with pytest.raises(services.ClueError, match="多于打处人数"):
        services.record_strike(users["station_officer"], made, people=1, handled_people="甲\n乙", finding="x")
    with pytest.raises(services.ClueError, match="至少为1人"):
        services.record_strike(users["station_officer"], made, people=0, finding="x")
    services.record_strike(users["station_officer"], made, people=3, finding="抓获3人")
    assert (made.verified_at, made.finding) == (NOW, "抓获3人")


def test_unlandable_cannot_be_struck(county, users):
    case_with(county["v1"], "2026-11-02")
    made = clue()
    services.record_finding(users["station_officer"], made, landed=False, finding="空号")
    assert made.state == ClueState.UNLANDABLE
    with pytest.raises(services.ClueError, match="状态为“无法落地”"):
        services.record_strike(users["station_officer"], made, people=1)


def test_a_bad_value_in_a_batch_stores_nothing(county):
    bad = [
        services.Incoming("phone", "13800138000", "省厅", date(2026, 12, 1)),
        services.Incoming("qq", "qq-abc", "省厅", date(2026, 12, 1)),
    ]
    with pytest.raises(services.ClueError, match="第2条线索：QQ号应为数字"):
        services.receive_many(None, bad)
    assert Clue.objects.count() == 0 and ObjectChange.objects.filter(model="clues.clue").count() == 0


def test_overdue_moves_with_the_clock(county):
    case_with(county["v1"], "2026-11-02")
    made = clue(received="2026-12-01")  # due 12-04
    assert list(services.overdue()) == []
    with clock.frozen(datetime(2026, 12, 4, 23, 59, tzinfo=BEIJING)):
        assert list(services.overdue()) == []
    with clock.frozen(datetime(2026, 12, 5, 0, 0, tzinfo=BEIJING)):
        assert list(services.overdue()) == [made]


def test_figures_per_station_and_month(county, users):
    case_with(county["v1"], "2026-11-02")
    case_with(county["c1"], "2026-11-02", value="13900139000")
    officer = users["station_officer"]
    on_time = clue(received="2026-11-28")  # s1, due 12-01
    late = clue("13800138000", batch="B2", received="2026-11-20")  # s1, due 11-23
    other = clue("13900139000", received="2026-12-01")  # s2
    queued = clue("http://x.example", kind="url", received="2026-12-01")
    with clock.frozen(datetime(2026, 11, 30, 23, 30, tzinfo=BEIJING)):
        services.record_strike(officer, on_time, people=2, finding="抓获")
    services.record_finding(officer, late, landed=True, finding="查明")
    with clock.frozen(datetime(2026, 12, 1, 0, 30, tzinfo=BEIJING)):  # still 12-01 Beijing
        services.record_strike(officer, late, people=1)
    services.record_finding(officer, other, landed=False, finding="空号")
    assert queries.people_handled(date(2026, 11, 1), date(2026, 12, 31)) == {
        (county["s1"].pk, "2026-11"): 2,
        (county["s1"].pk, "2026-12"): 1,
    }
    rows = {(r.station, r.month): r for r in queries.figures(date(2026, 11, 1), date(2026, 12, 31))}
    nov = rows[("城关派出所", "2026-11")]
    assert (nov.received, nov.landed, nov.on_time, nov.people, nov.landed_pct, nov.on_time_pct) == (
        2,
        2,
        1,
        2,
        100.0,
        50.0,
    )
    assert rows[("城关派出所", "2026-12")].people == 1 and rows[("城关派出所", "2026-12")].received == 0
    assert (rows[("河东派出所", "2026-12")].unlandable, rows[("县局待分配", "2026-12")].open) == (1, 1)
    assert queued.station is None
    assert queries.totals(list(rows.values())).people == 3


def test_the_default_deadline_is_a_rule_parameter(county):
    assert config.OPTIONS["clues.deadline_days"].default == rules.DEFAULT_DEADLINE_DAYS
    config.change("clues.deadline_days", 7)
    assert clue(received="2026-12-01").deadline == date(2026, 12, 8)


def test_a_hotline_keeps_its_latest_matches_only(county):
    for day in range(1, 28):
        case_with(county["v1" if day < 27 else "c1"], f"2026-11-{day:02d}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "KEPT_MATCHES", 5)
        made = clue()
    assert made.station == county["s2"]  # the latest of the 27
    assert made.assignment_note.startswith("匹配27条案件记录")
    days = list(ClueMatch.objects.filter(clue=made).order_by("-day").values_list("day", flat=True))
    assert [d.day for d in days] == [27, 26, 25, 24, 23]


def test_a_case_saved_later_lands_a_queued_clue_at_its_station(county, users):
    from fanzha.cases.models import Case, FraudType
    from fanzha.cases.services import fill_derived, save_case

    made = clue("13922223333")
    assert (made.station, made.state) == (None, ClueState.UNASSIGNED)
    case = Case(
        case_number="L2026001",
        reported_at=datetime(2026, 12, 2, 10, tzinfo=BEIJING),
        place=county["v1"],
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=100000,
    )
    fill_derived(case)
    save_case(users["county_admin"], case, [("phone", "13922223333")])
    made.refresh_from_db()
    assert (made.station, made.state, made.assigned_by) == (county["s1"], ClueState.PENDING, "case")
    assert list(ClueMatch.objects.filter(clue=made).values_list("ledger", "record_id")) == [("case", case.pk)]
    assert changes(made)[-1].before["station"] is None  # the move is audited
