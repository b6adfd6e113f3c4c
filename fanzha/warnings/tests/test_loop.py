"""The warning loop end to end in services: receive → route → 签收 → outcome, overdue escalation
with a moved clock, and the per-unit figures."""

from datetime import datetime, timedelta

import pytest

from fanzha.audit.models import ObjectChange
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period
from fanzha.parameters import config
from fanzha.prevention.models import Household
from fanzha.warnings import services, stats
from fanzha.warnings.models import OrderStatus, RoutedBy, VerificationOrder, Warning

T0 = datetime(2024, 3, 5, 9, 0, tzinfo=BEIJING)


def warn(number, level="high", phone="13800000001", station=None, at=T0):
    return services.receive(
        Warning(external_id=number, received_at=at, phone=phone, level=level, station=station)
    )


@pytest.fixture
def household(county):
    return Household.objects.create(village=county["v1"], address="东风村1组3号", phone="13800000001")


def test_routed_to_the_household_village_with_deadline_by_level(household, county):
    high = warn("W1")
    assert (high.assigned_to, high.station, high.routed_by) == (
        county["v1"],
        county["s1"],
        RoutedBy.HOUSEHOLD,
    )
    assert high.deadline == T0 + timedelta(hours=1)
    assert warn("W2", level="medium").deadline == T0 + timedelta(hours=4)
    assert warn("W3", level="low").deadline == T0 + timedelta(hours=24)


def test_deadline_is_configurable(household):
    config.change("warnings.deadline_high_minutes", 30)
    assert warn("W1").deadline == T0 + timedelta(minutes=30)


def test_unmatched_goes_to_the_station_queue_or_the_county(county):
    queued = warn("W1", phone="13900000000", station=county["s2"])
    assert (queued.assigned_to, queued.routed_by) == (county["s2"], RoutedBy.STATION)
    orphan = warn("W2", phone="13900000001")
    assert (orphan.assigned_to, orphan.routed_by) == (county["root"], RoutedBy.COUNTY)


def test_phone_of_a_past_victim_routes_to_the_case_place(county):
    from fanzha.cases.tests.builders import add_cases

    add_cases(county["c1"], "2023-06-01", victim_phone="13700000000")
    order = warn("W1", phone="13700000000")
    assert (order.assigned_to, order.routed_by) == (county["c1"], RoutedBy.CASE)


def test_sign_and_record_outcome_are_audited(household, users):
    order = warn("W1")
    worker = users["grid_worker"]
    with clock.frozen(T0 + timedelta(minutes=10)):
        services.sign(worker, order)
    with clock.frozen(T0 + timedelta(minutes=25)):
        services.record_outcome(
            worker, order, contacted=True, method="phone", outcome="dissuaded", note="已劝阻"
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.DONE and order.contacted_at == T0 + timedelta(minutes=25)
    actions = list(
        ObjectChange.objects.filter(model="warnings.verificationorder").values_list("action", flat=True)
    )
    assert actions.count("update") == 2 and "create" in actions
    with pytest.raises(services.OrderError):
        services.record_outcome(worker, order, contacted=True, method="phone", outcome="dissuaded")


@pytest.mark.parametrize(
    ("contacted", "method", "outcome", "message"),
    [
        (True, "", "dissuaded", "联系方式"),
        (True, "phone", "unreachable", "无法联系"),
        (False, "", "dissuaded", "应已联系上"),
        (True, "visit", "defrauded", "关联或新建案件"),
    ],
)
def test_inconsistent_outcomes_are_refused(household, users, contacted, method, outcome, message):
    order = warn("W1")
    with pytest.raises(services.OrderError, match=message):
        services.record_outcome(
            users["grid_worker"], order, contacted=contacted, method=method, outcome=outcome
        )


def test_overdue_escalates_once_when_the_clock_moves(household):
    order = warn("W1")  # high: due at 10:00
    with clock.frozen(T0 + timedelta(minutes=59)):
        assert services.escalate_overdue() == 0
        assert not services.overdue().exists()
    with clock.frozen(T0 + timedelta(minutes=61)):
        assert list(services.overdue()) == [order]
        assert services.escalate_overdue() == 1
        assert services.escalate_overdue() == 0  # once
    order.refresh_from_db()
    assert order.escalated_at == T0 + timedelta(minutes=61)


def test_a_contact_after_the_deadline_ends_overdue_but_counts_as_late(household, users, county):
    order = warn("W1")
    with clock.frozen(T0 + timedelta(hours=2)):
        services.record_outcome(
            users["grid_worker"], order, contacted=True, method="visit", outcome="dissuaded"
        )
        assert not services.overdue().exists()
        row = stats.order_stats(VerificationOrder.objects.all(), Period.parse("2024-03"), by="station")[0]
    assert row["late_contact"] == 1 and row["minutes_to_contact"] == 120.0


def test_stats_success_rate_leaves_out_false_alarms(household, users, county):
    worker = users["grid_worker"]
    outcomes = [("dissuaded", True), ("dissuaded", True), ("unreachable", False), ("false_alarm", True)]
    with clock.frozen(T0 + timedelta(minutes=30)):
        for index, (outcome, contacted) in enumerate(outcomes):
            order = warn(f"W{index}")
            services.record_outcome(
                worker, order, contacted=contacted, method="phone" if contacted else "", outcome=outcome
            )
        warn("W9")  # still open, not overdue at 09:30
        rows = stats.order_stats(VerificationOrder.objects.all(), Period.parse("2024-03"), by="village")
    row = rows[0]
    assert (row["code"], row["total"], row["done"], row["dissuaded"]) == (county["v1"].code, 5, 4, 2)
    assert row["success_rate_pct"] == "66.7"  # 2 of the 3 that were not false alarms
    assert row["minutes_to_sign"] == 30.0


def test_orders_are_scoped(household, users, county):
    warn("W1")
    warn("W2", phone="13900000009", station=county["s2"])
    assert VerificationOrder.objects.visible_to(users["grid_worker"]).count() == 1
    assert VerificationOrder.objects.visible_to(users["other_grid_worker"]).count() == 0
    assert VerificationOrder.objects.visible_to(users["station_officer"]).count() == 1
    assert VerificationOrder.objects.visible_to(users["county_admin"]).count() == 2


def test_reassign_only_within_scope(county, users):
    order = warn("W1", phone="13900000000", station=county["s1"])
    officer = users["station_officer"]
    services.reassign(officer, order, county["v2"])
    assert order.assigned_to == county["v2"] and order.routed_by == "manual"
    with pytest.raises(services.OrderError):
        services.reassign(officer, order, county["c1"])


def test_overdue_command_with_a_moved_clock(household):
    import json
    from io import StringIO

    from django.core.management import call_command

    warn("W1")
    warn("W2", level="low")
    with clock.frozen(T0 + timedelta(hours=2)):
        out = StringIO()
        call_command("warnings", "overdue", "--format", "json", stdout=out)
        rows = json.loads(out.getvalue())
        assert [(r["external_id"], r["minutes_overdue"], r["escalated"]) for r in rows] == [("W1", 60, False)]
        call_command("warnings", "escalate", stdout=StringIO())
        out = StringIO()
        call_command("warnings", "overdue", "--format", "json", stdout=out)
        assert json.loads(out.getvalue())[0]["escalated"] is True
    with clock.frozen(T0 + timedelta(hours=25)):
        out = StringIO()
        call_command("warnings", "overdue", "--format", "json", stdout=out)
        assert [r["external_id"] for r in json.loads(out.getvalue())] == ["W1", "W2"]


def test_the_station_desk_shows_overdue_and_escalated_orders(household, client_for):
    warn("W1")
    with clock.frozen(T0 + timedelta(hours=2)):
        services.escalate_overdue()
        page = client_for("station_officer").get("/").content.decode()
    assert "超时未联系 <strong>1</strong>（已升级至派出所 1）" in page
