"""The person of a verification order, for whoever must act on it (issue 18): the assigned unit and
the order's station see the full number as a call link, the name and the address, and each such
page is written to the personal-data access log; everyone else gets the number masked, or no page
at all where the order lies outside their subtree. 我的待办 shows who, where and the time left."""

from datetime import datetime, timedelta

import pytest

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.audit.models import AccessLog
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.prevention.models import Household
from fanzha.warnings import rules, services
from fanzha.warnings.models import Warning

T0 = datetime(2024, 3, 5, 9, 0, tzinfo=BEIJING)
FULL, MASKED = "13212344652", "132****4652"
CALL = f'href="tel:{FULL}"'


@pytest.fixture
def order(county):
    Household.objects.create(village=county["v1"], address="东风村3组8号", head_name="李桂兰", phone=FULL)
    return services.receive(
        Warning(
            external_id="YJ0001",
            received_at=T0,
            phone=FULL,
            name="李桂兰",
            id_number="110105194912310021",
            level="high",
            risk_type="刷单返利",
        )
    )


def _page(client, order):
    with clock.frozen(T0 + timedelta(minutes=20)):
        return client.get(f"/warnings/orders/{order.pk}/")


def _reveals():
    return AccessLog.objects.filter(model="warnings.verificationorder", action="view")


def test_the_assigned_grid_worker_may_call_and_each_view_is_logged(client_for, users, order):
    worker = client_for("grid_worker")
    page = _page(worker, order).content.decode()
    assert CALL in page and "李桂兰" in page and "东风村3组8号" in page
    assert "110105194912310021" not in page  # the ID number stays masked: calling needs no ID
    assert "剩余 40 分钟" in page
    (entry,) = _reveals()
    assert (entry.user, entry.object_id, entry.detail) == (users["grid_worker"], str(order.pk), "YJ0001")
    _page(worker, order)
    assert _reveals().count() == 2  # every page shown with the number is a reveal


def test_the_orders_station_may_call(client_for, order):
    assert CALL in _page(client_for("station_officer"), order).content.decode()
    assert _reveals().count() == 1


def test_nobody_else_gets_the_number(client, client_for, county, order):
    # a grid worker of another village: of another town, or of the same town and station
    assert _page(client_for("other_grid_worker"), order).status_code == 404
    neighbour = User.objects.create(username="v2_worker", org=county["v2"], role=Role.GRID_WORKER)
    client.force_login(neighbour)
    assert _page(client, order).status_code == 404
    # the town's staff see the order (the village is theirs) but not the number
    town = _page(client_for("town_staff"), order).content.decode()
    assert MASKED in town and FULL not in town and "tel:" not in town
    # the county office holds no assignment: masked unless it asks for clear text (logged as such)
    office = client_for("county_admin")
    assert FULL not in _page(office, order).content.decode()
    assert not _reveals().exists()
    with clock.frozen(T0):
        assert FULL in office.get(f"/warnings/orders/{order.pk}/?clear=1").content.decode()
    assert _reveals().get().fields == "预警对象电话、身份证号"


def test_a_closed_order_no_longer_shows_the_number(client_for, users, order):
    services.sign(users["grid_worker"], order)
    services.record_outcome(
        users["grid_worker"], order, contacted=True, method="phone", outcome="dissuaded", note="", case=None
    )
    page = _page(client_for("grid_worker"), order).content.decode()
    assert MASKED in page and FULL not in page
    assert not _reveals().exists()


def test_my_orders_show_who_where_and_time_left(client_for, county, order):
    late = services.receive(
        Warning(external_id="YJ0002", received_at=T0 - timedelta(hours=2), phone=FULL, level="high")
    )
    worker = client_for("grid_worker")
    with clock.frozen(T0 + timedelta(minutes=50)):
        page = worker.get("/warnings/mine/").content.decode()
    assert "李桂兰" in page and "东风村3组8号" in page
    assert 'class="row-soon" data-order="YJ0001"' in page and "剩余 10 分钟" in page
    assert (
        f'class="row-late" data-order="{late.warning.external_id}"' in page and "已超时 1 小时 50 分" in page
    )
    assert FULL not in page  # the list never shows the number


@pytest.mark.parametrize(
    "minutes, words, state",
    [(30, "剩余 30 分钟", "ok"), (50, "剩余 10 分钟", "soon"), (80, "已超时 20 分钟", "late")],
)
def test_time_left_of_a_high_risk_order(minutes, words, state):
    # docs/warnings.md: a warning at 09:00 with a one-hour deadline, looked at after `minutes`
    assert rules.time_left(T0 + timedelta(minutes=minutes), T0 + timedelta(hours=1), T0) == (words, state)


def test_time_left_of_a_low_risk_order_turns_amber_in_its_last_six_hours():
    deadline = T0 + timedelta(hours=24)
    assert rules.time_left(deadline - timedelta(hours=7), deadline, T0) == ("剩余 7 小时", "ok")
    assert rules.time_left(deadline - timedelta(hours=6), deadline, T0) == ("剩余 6 小时", "soon")
    assert rules.duration_text(timedelta(hours=27, minutes=10)) == "1 天 3 小时"


def test_who_may_call():
    assert rules.may_call(7, 7, 3, True) and rules.may_call(3, 7, 3, True)
    assert not rules.may_call(5, 7, 3, True)  # another unit
    assert not rules.may_call(7, 7, 3, False)  # the order is closed
    assert not rules.may_call(None, 7, None, True)
