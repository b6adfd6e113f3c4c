"""Every page of the URL conf, as every role: a record outside the role's subtree is exactly as absent
as one that does not exist (a 404, or the 403 of a missing permission), a refused write changes
nothing, no page shows a record of the foreign world, and clear personal data appears only to a role
holding `cases.view_pii`, and then only with an access-log row."""

import pytest
from django.urls import reverse

from fanzha.orgs.scope import ScopedQuerySet
from tests.hostile import world as w
from tests.hostile.findings import param
from tests.hostile.probe import (
    UNIT_ROLES,
    access_rows,
    clear_values,
    foreign_markers,
    kwargs_for,
    shown_text,
    state,
)
from tests.hostile.routes import routes, unresolved

pytestmark = pytest.mark.django_db

ROUTES = routes()
OUTSIDERS = [role for role in w.ROLES if w.foreign_world(role)] + [w.ANONYMOUS]
# pages without data of their own: the API's schema and its viewers
DATA_FREE = ("drf_spectacular.",)
# pages that hand a user back the file they uploaded themselves, cell for cell (the 错误标注文件 marks
# the cells to fix, so it cannot mask them): only its uploader reaches it, and each download is logged
OWN_FILE_BACK = ("imports:error_workbook",)
# a verification order shows its person's phone in full to the unit it is assigned to and to its
# station while it is open, so that they can call (fanzha/warnings/rules.py may_call); each page logged
CALL_THE_PERSON = ("warnings:order",)


def _may_call(route, kwargs, user) -> bool:
    from fanzha.warnings.models import OrderStatus, VerificationOrder
    from fanzha.warnings.rules import may_call

    if route.name not in CALL_THE_PERSON:
        return False
    order = VerificationOrder.objects.filter(pk=kwargs["pk"]).first()
    return (
        order is not None
        and user.has_perm("warnings.act_order")
        and may_call(user.org_id, order.assigned_to_id, order.station_id, order.status != OrderStatus.DONE)
    )


def _scoped(label: str | None) -> bool:
    return label is not None and isinstance(w.model_for(label).objects.all(), ScopedQuerySet)


def _record_routes():
    """Routes naming a record the worlds hold: a scoped model's pk, an org code, an import job."""
    return [r for r in ROUTES if r.needs_object and (r.model in w.BUILT or "pk" not in r.kwargs)]


def _units(route):
    return UNIT_ROLES if "code" in route.kwargs else ("place",)


def _foreign_cases():
    for route in _record_routes():
        for unit in _units(route):
            for role in OUTSIDERS:
                for method in ("get", "post"):
                    name = route.name if unit == "place" else f"{route.name}@{unit}"
                    yield param(
                        f"foreign-{method}",
                        name,
                        role,
                        route,
                        unit,
                        role,
                        method,
                        id=f"{name}-{role}-{method}",
                    )


def _shown_cases():
    for route in ROUTES:
        if route.callback.__module__.startswith(DATA_FREE):
            continue
        for role in w.ROLES:
            yield param("shown", route.name, role, route, role, id=f"{route.name}-{role}")


def test_every_route_is_generated():
    """A new kind of URL kwarg, or a page whose model cannot be found, needs the suite taught first;
    a page of a scoped model needs a record of it in world.build_world."""
    assert [str(r) for r in unresolved(ROUTES)] == []
    assert sorted({r.model for r in ROUTES if _scoped(r.model)} - w.BUILT) == []
    assert len(_record_routes()) >= 35  # the walk found the record pages (a broken walk finds none)


@pytest.mark.parametrize(("route", "unit", "role", "method"), list(_foreign_cases()))
def test_foreign_record_is_not_found(hostile, route, unit, role, method):
    world = hostile.foreign(role) or hostile.worlds["c1"]
    client = hostile.clients[role]
    before = state(world, route)
    response = getattr(client, method)(reverse(route.name, kwargs=kwargs_for(route, world, unit)))
    if role == w.ANONYMOUS:
        if route.is_api:
            assert response.status_code == 401
        else:
            assert response.status_code == 302
            assert response["Location"].split("?")[0] == reverse("login")
    else:
        missing = getattr(client, method)(reverse(route.name, kwargs=kwargs_for(route, None)))
        assert missing.status_code != 200
        assert response.status_code == missing.status_code, shown_text(response)[:2000]
    assert state(world, route) == before


@pytest.mark.parametrize("route", _record_routes(), ids=str)
def test_admin_reaches_the_record(hostile, route):
    """The records are real: the county admin (an import job: its owner) reaches each one, so the 404s
    above are the scope's and not a broken factory's."""
    world = hostile.worlds["c1"]
    client = hostile.clients["other_grid_worker" if "token" in route.kwargs else "county_admin"]
    reached = [
        unit
        for unit in _units(route)
        if client.get(reverse(route.name, kwargs=kwargs_for(route, world, unit))).status_code != 404
    ]
    assert reached != [], route.pattern


@pytest.mark.parametrize(("route", "role"), list(_shown_cases()))
def test_page_shows_only_its_scope(hostile, route, role):
    """Asked for clear data (`?clear=1&reveal=1`), a page shows no foreign record, and clear personal
    data only to a role with `cases.view_pii`, each such showing written to the access log."""
    kwargs = kwargs_for(route, hostile.home(role))
    url = reverse(route.name, kwargs=kwargs) + "?clear=1&reveal=1"
    logged = access_rows()
    text = shown_text(hostile.clients[role].get(url))
    foreign = hostile.foreign(role)
    if foreign is not None:
        assert foreign_markers(text, foreign) == []
    clear = clear_values(text, hostile.pii)
    user = hostile.users[role]
    allowed = route.name in OWN_FILE_BACK or _may_call(route, kwargs, user)
    if not user.has_perm("cases.view_pii") and not allowed:
        assert clear == []
    elif clear:
        assert access_rows() > logged, f"clear {clear} shown without an access-log row"


def test_the_worlds_are_shown(hostile):
    """The searches above can fail: the county admin, asking for clear data, sees every world record's
    marker on some page and every clear value written to the access log."""
    client = hostile.clients["county_admin"]
    c1 = hostile.worlds["c1"]
    seen, clear = set(), set()
    for route in ROUTES:
        if route.callback.__module__.startswith(DATA_FREE) or (
            route.needs_object and route not in _record_routes()
        ):
            continue
        url = reverse(route.name, kwargs=kwargs_for(route, c1)) + "?clear=1&reveal=1"
        text = shown_text(client.get(url))
        seen |= set(foreign_markers(text, c1))
        clear |= set(clear_values(text, c1.pii))
    shown = "case person den household visit activity duty attachment group package pledge registration sms"
    shown += " warning notice outcome target batch correction review clue-finding"
    assert {c1.marker(name) for name in shown.split()} - seen == set()
    assert clear == c1.pii
