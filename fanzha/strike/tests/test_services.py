"""The desk's actions on a moved clock: every clock, the repeats and the renewal, failures, returns
credited to the cases, and an audit row for every transition."""

from datetime import datetime, timedelta

import pytest

from fanzha.audit.models import ObjectChange
from fanzha.cases.models import Case
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.parameters import config
from fanzha.strike import returns, services
from fanzha.strike.models import FailureReason, Kind, State, StrikeRequest, clocks_of
from fanzha.strike.rules import Urgency
from fanzha.strike.tests import factory
from fanzha.strike.tests.factory import T0

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(county, users):
    unit = factory.bank(county)
    return {
        "bank": unit,
        "case": factory.case(county),
        "account": factory.account(unit),
        "officer": users["station_officer"],
        "liaison": factory.liaison(unit),
    }


def stop(world, channel="phone", amount=5_000_000):
    return services.record_request(
        world["officer"], world["case"], world["account"], Kind.STOP, channel, amount
    )


def states(request):
    return [c.state(clock.now()) for c in clocks_of(request)]


def changes(request):
    return list(
        ObjectChange.objects.filter(model="strike.strikerequest", object_id=str(request.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_documents_clock_turns_amber_then_red_and_stops_when_delivered(world):
    with clock.frozen(T0):
        request = stop(world)
        assert request.documents_due_at == T0 + timedelta(hours=24)
        assert states(request) == [Urgency.LATER]
        clock.advance(timedelta(hours=22))
        assert states(request) == [Urgency.SOON]
        clock.advance(timedelta(hours=2, minutes=1))
        assert states(request) == [Urgency.OVERDUE]
        services.deliver_documents(world["officer"], request)
        assert states(request) == [Urgency.MET]
        assert clocks_of(request)[0].on_time() is False
        assert request.due_at is None
    with pytest.raises(services.StrikeError, match="已登记送达"):
        services.deliver_documents(world["officer"], request)


def test_documents_at_the_counter_are_delivered_at_once(world):
    with clock.frozen(T0):
        request = stop(world, channel="counter")
    assert request.documents_delivered_at == request.documents_received_at == T0
    assert clocks_of(request)[0].on_time() is True


def test_a_stop_runs_48_hours_and_may_be_repeated_twice(world):
    with clock.frozen(T0):
        first = stop(world)
        clock.advance(timedelta(minutes=30))
        services.confirm(world["liaison"], first, 4_800_000)
        assert (first.state, first.held_fen) == (State.IN_FORCE, 4_800_000)
        assert first.expires_at == T0 + timedelta(minutes=30, hours=48)
        services.deliver_documents(world["officer"], first)
        clock.advance(timedelta(hours=46, minutes=1))
        assert states(first) == [Urgency.MET, Urgency.SOON]
        chain = first
        for n in (1, 2):
            chain_next = services.renew(world["officer"], chain, "phone")
            assert (chain_next.kind, chain_next.repeat, chain_next.requested_fen) == (Kind.STOP, n, 4_800_000)
            services.confirm(world["liaison"], chain_next, 4_800_000)
            chain.refresh_from_db()
            assert chain.state == State.SUPERSEDED
            assert states(chain)[-1] == Urgency.MET
            chain = chain_next
            clock.advance(timedelta(hours=47))
        with pytest.raises(services.StrikeError, match="最多再次止付2次，请转为冻结"):
            services.renew(world["officer"], chain, "phone")
        # the third stop lapses unless converted: past its 48 h it is red
        clock.advance(timedelta(hours=2))
        assert states(chain)[-1] == Urgency.OVERDUE
        freeze = services.convert_to_freeze(world["officer"], chain, "counter")
        chain.refresh_from_db()
        assert states(chain)[-1] == Urgency.MET
        assert freeze.kind == Kind.FREEZE and freeze.documents_delivered_at == clock.now()


def test_a_freeze_lasts_six_months_and_renewal_is_due_ten_days_before(world):
    start = datetime(2024, 8, 31, 10, 0, tzinfo=BEIJING)
    with clock.frozen(start):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "platform", 1_000_000
        )
        services.confirm(world["liaison"], freeze, 1_000_000)
        assert freeze.expires_at == datetime(2025, 2, 28, 10, 0, tzinfo=BEIJING)
        assert freeze.follow_up_due_at == datetime(2025, 2, 18, 10, 0, tzinfo=BEIJING)
        services.deliver_documents(world["officer"], freeze)
        clock.advance(freeze.follow_up_due_at - start - timedelta(hours=1))
        assert states(freeze) == [Urgency.MET, Urgency.SOON]
        clock.advance(timedelta(hours=2))
        assert states(freeze) == [Urgency.MET, Urgency.OVERDUE]
        renewal = services.renew(world["officer"], freeze, "counter")
        assert renewal.kind == Kind.RENEW
        freeze.refresh_from_db()
        assert states(freeze) == [Urgency.MET, Urgency.MET]
        services.confirm(world["liaison"], renewal, 1_000_000)
        # the renewal runs six months from the expiry it extends, not from today
        assert renewal.expires_at == datetime(2025, 8, 28, 10, 0, tzinfo=BEIJING)
        freeze.refresh_from_db()
        assert freeze.state == State.SUPERSEDED


def test_a_failed_renewal_sets_the_old_clock_running_again(world):
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 1_000_000
        )
        services.confirm(world["liaison"], freeze, 1_000_000)
        renewal = services.renew(world["officer"], freeze, "phone")
        services.fail(world["liaison"], renewal, FailureReason.REFUSED)
        freeze.refresh_from_db()
        assert (renewal.state, renewal.get_failure_reason_display()) == (State.FAILED, "银行拒绝")
        assert freeze.followed_up_at is None and freeze.due_at == freeze.follow_up_due_at


def test_release_within_three_days(world):
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 1_000_000
        )
        services.confirm(world["liaison"], freeze, 700_000)
        with pytest.raises(services.StrikeError, match="解冻理由"):
            services.release(world["officer"], freeze, "phone", " ")
        release = services.release(world["officer"], freeze, "phone", "经查为他人正常货款，与案件无关")
        assert release.follow_up_due_at == T0 + timedelta(days=3)
        clock.advance(timedelta(days=2, hours=23))
        assert states(release) == [Urgency.SOON]
        clock.advance(timedelta(hours=2))
        assert states(release) == [Urgency.OVERDUE]
        services.confirm(world["liaison"], release, 700_000)
        freeze.refresh_from_db()
        assert (release.state, freeze.state) == (State.DONE, State.RELEASED)
        assert states(release) == [Urgency.MET]


def test_failure_needs_a_reason_and_confirming_twice_is_refused(world):
    with clock.frozen(T0):
        request = stop(world)
        with pytest.raises(services.StrikeError, match="原因"):
            services.fail(world["liaison"], request, "")
        services.fail(world["liaison"], request, FailureReason.MOVED)
        with pytest.raises(services.StrikeError, match="已有反馈结果"):
            services.confirm(world["liaison"], request, 100)
    assert request.due_at is None and clocks_of(request) == []
    assert changes(request) == ["create", "update"]


def test_zero_amount_is_not_a_confirmation(world):
    request = stop(world)
    with pytest.raises(services.StrikeError, match="未成功"):
        services.confirm(world["liaison"], request, 0)
    assert StrikeRequest.objects.get(pk=request.pk).state == State.PENDING


def test_every_transition_is_audited(world):
    with clock.frozen(T0):
        request = stop(world)
        services.confirm(world["liaison"], request, 100)
        services.receive_documents(world["liaison"], request)
    rows = ObjectChange.objects.filter(model="strike.strikerequest", object_id=str(request.pk)).order_by("id")
    assert [r.action for r in rows] == ["create", "update", "update"]
    assert rows[1].username == "bank_liaison"
    assert (rows[1].before["state"], rows[1].after["state"], rows[1].after["held_fen"]) == (
        "pending",
        "in_force",
        100,
    )
    assert rows[2].after["documents_received_at"] is not None and rows[2].after["documents_delivered_at"]


def test_the_account_number_is_normalised_and_the_bank_must_be_a_bank(world, county):
    same = factory.account(world["bank"], number="6222-0212-3456-7890")
    assert same.pk == world["account"].pk and same.number == "6222021234567890"
    with pytest.raises(services.StrikeError, match="开户行"):
        factory.account(county["school"])
    with pytest.raises(services.StrikeError, match="账号："):
        factory.account(world["bank"], number="62 2")


def test_returns_shared_pro_rata_and_credited_to_each_case(world, county):
    other = factory.case(county, "A2024002", station="s2", place="c1", loss_fen=1_000_000)
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 3_000_000
        )
        services.confirm(world["liaison"], freeze, 3_000_000)
        claims = [
            returns.Claim(world["case"], world["case"].case_number, 5_000_000),
            returns.Claim(other, other.case_number, 1_000_000),
        ]
        plan = services.plan_return(world["officer"], freeze, claims, "counter")
        assert plan.method == returns.Method.PRO_RATA
        shares = list(plan.shares.order_by("case__case_number"))
        assert [(s.case.case_number, s.requested_fen) for s in shares] == [
            ("A2024001", 2_500_000),
            ("A2024002", 500_000),
        ]
        for share in shares:
            services.confirm(world["liaison"], share, share.requested_fen)
    freeze.refresh_from_db()
    assert freeze.returned_fen == 3_000_000
    assert Case.objects.get(pk=world["case"].pk).recovered_fen == 2_500_000
    assert Case.objects.get(pk=other.pk).recovered_fen == 500_000
    credit = ObjectChange.objects.filter(model="cases.case", object_id=str(other.pk)).get()
    assert credit.after["recovered_fen"] == "5000.00" and "冻结资金返还" in credit.after["recovery_reason"]


def test_the_clocks_follow_the_county_s_readings(world):
    config.change("strike.documents_hours", 12)
    config.change("strike.stop_repeats", 0)
    with clock.frozen(T0):
        request = stop(world)
        services.confirm(world["liaison"], request, 100)
    assert request.documents_due_at == T0 + timedelta(hours=12)
    with pytest.raises(services.StrikeError, match="最多再次止付0次"):
        services.renew(world["officer"], request, "phone")


def test_crediting_the_case_can_be_turned_off(world):
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 300_000
        )
        services.confirm(world["liaison"], freeze, 300_000)
        plan = services.plan_return(
            world["officer"], freeze, [returns.Claim(world["case"], "A2024001", 5_000_000)], "counter"
        )
        services.confirm(
            world["liaison"], plan.shares.get(), 300_000, settings={"strike.credit_recovered": "off"}
        )
    assert Case.objects.get(pk=world["case"].pk).recovered_fen == 0


def test_a_freeze_not_renewed_lapses_at_expiry(world):
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 1_000_000
        )
        services.confirm(world["liaison"], freeze, 1_000_000)
        assert services.lapse_expired() == 0
        clock.advance(freeze.expires_at - T0 + timedelta(seconds=1))
        assert services.lapse_expired() == 1
    freeze.refresh_from_db()
    assert (freeze.state, freeze.due_at, clocks_of(freeze)[-1].label) == (
        State.LAPSED,
        None,
        "法律文书及警察证送达（24小时）",
    )
    assert changes(freeze)[-1] == "update"


def test_a_second_return_plan_waits_for_the_bank(world):
    with clock.frozen(T0):
        freeze = services.record_request(
            world["officer"], world["case"], world["account"], Kind.FREEZE, "counter", 300_000
        )
        services.confirm(world["liaison"], freeze, 300_000)
        claims = [returns.Claim(world["case"], "A2024001", 5_000_000)]
        services.plan_return(world["officer"], freeze, claims, "counter")
        with pytest.raises(services.StrikeError, match="已有待银行反馈的返还请求"):
            services.plan_return(world["officer"], freeze, claims, "counter")
