"""Role × page: every GET page of the URL conf that takes no argument, as every role of
`fanzha.accounts.roles.Role` and as an anonymous visitor, answers exactly what the page's declarations
and the role's default permissions imply — a new page is covered without editing a list.

A page's declarations are read from the view itself, outermost first: `login_required` (an anonymous
visitor is sent to the login page: 302), `permission_required(..., raise_exception=True)` (a role
without the permission: 403), `require_POST`/`require_http_methods` (a GET: 405), and for a ledger's
pages (fanzha/ledger/pages.py) the ledger's `view_perm`/`add_perm`. A role's permissions are the
declared defaults (`DEFAULT_PERMISSIONS`), not what the database happens to hold. A page whose check
is written in its body instead is named in `BODY_CHECKS` with what it checks; a page with no
declaration at all fails the suite until it has one."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.views import LoginView, LogoutView
from django.test import Client
from django.urls import get_resolver, reverse

from fanzha.accounts.models import User
from fanzha.accounts.roles import DEFAULT_PERMISSIONS, Role
from fanzha.imports.registry import PERMISSIONS as IMPORT_PERMISSIONS
from tests.hostile.routes import _walk

pytestmark = pytest.mark.django_db
ANONYMOUS = "anonymous"
HOMES = {  # where each role's user sits in tests/county.py
    Role.COUNTY_ADMIN: "root",
    Role.STATION_OFFICER: "s1",
    Role.TOWN_STAFF: "town",
    Role.GRID_WORKER: "v1",
    Role.UNIT_LIAISON: "school",
}


@dataclass(frozen=True)
class Layer:
    kind: str  # "login", "perms" (all of), "any" (any of), "methods"
    values: tuple = ()


def _closure(function) -> dict:
    cells = getattr(function, "__closure__", None) or ()
    return dict(zip(function.__code__.co_freevars, (c.cell_contents for c in cells), strict=True))


def declared_layers(callback) -> list[Layer]:
    """The checks Django's decorators wrapped around a function view, outermost first."""
    layers, function = [], callback
    while function is not None and hasattr(function, "__code__"):
        cells = _closure(function)
        if "test_func" in cells:  # user_passes_test: login_required or permission_required
            test = _closure(cells["test_func"])
            if "perms" in test:
                assert test["raise_exception"], f"{callback.__qualname__}: a refused permission must be a 403"
                layers.append(Layer("perms", tuple(test["perms"])))
            else:
                layers.append(Layer("login"))
        elif "request_method_list" in cells:
            layers.append(Layer("methods", tuple(cells["request_method_list"])))
        function = cells.get("view_func") or cells.get("func") or getattr(function, "__wrapped__", None)
    return layers


# pages whose permission is checked in the view's body (after login_required), with what it checks
BODY_CHECKS = {
    "imports:upload": Layer("any", tuple(IMPORT_PERMISSIONS.values())),
    "imports:add_alias": Layer("perms", ("imports.add_headeralias",)),
}
# what a page answers a GET that passes its checks, where it is not the page itself (200)
ANSWERS = {
    "imports:confirm": 302,  # nothing pending: back to the upload page
    "imports:add_alias": 302,  # a GET adds nothing: back to the upload page
    "imports:pending_errors": 404,  # nothing pending, so no error workbook
    "prevention:assign-duties": 302,  # an action: a GET goes back to the duties
    "warnings:draw": 302,  # an action: a GET goes back to the call-backs
    "reports:letter": 404,  # a 函告 is of one case (?case=…): without one there is no such case
}


def layers_of(name: str, callback) -> list[Layer]:
    owner = getattr(callback, "__self__", None)  # a ledger's bound view
    if owner is not None:
        perm = owner.add_perm if callback.__name__ == "create_view" else owner.view_perm
        return [Layer("login"), Layer("perms", (perm,))]
    layers = declared_layers(callback)
    if name in BODY_CHECKS:
        layers.append(BODY_CHECKS[name])
    return layers


def pages():
    """(name, callback) of each GET page without URL arguments; the login and logout pages, the
    admin's and the API's (token-authenticated, with their own suite) aside."""
    for pattern, name, entry in _walk(get_resolver().url_patterns):
        if pattern.startswith(("admin/", "api/")) or entry.pattern.regex.groupindex:
            continue
        if getattr(entry.callback, "view_class", None) in (LoginView, LogoutView):
            continue
        yield name, entry.callback


PAGES = dict(pages())


def expected(name: str, callback, role: str) -> int:
    granted = set() if role == ANONYMOUS else set(DEFAULT_PERMISSIONS[role])
    for layer in layers_of(name, callback):
        if layer.kind == "login" and role == ANONYMOUS:
            return 302
        if layer.kind == "perms" and not set(layer.values) <= granted:
            return 302 if role == ANONYMOUS else 403
        if layer.kind == "any" and not set(layer.values) & granted:
            return 302 if role == ANONYMOUS else 403
        if layer.kind == "methods" and "GET" not in layer.values:
            return 405
    return ANSWERS.get(name, 200)


def test_every_page_declares_who_may_see_it():
    undeclared = [
        n for n, cb in PAGES.items() if not any(layer.kind != "methods" for layer in layers_of(n, cb))
    ]
    assert undeclared == [], "name its permission in a decorator, a ledger, or BODY_CHECKS"
    assert len(PAGES) >= 60  # the walk found the pages (a broken walk finds none)
    assert set(BODY_CHECKS) | set(ANSWERS) <= set(PAGES)


def test_the_reader_sees_the_decorators():
    assert layers_of("cases:list", PAGES["cases:list"]) == [
        Layer("login"),
        Layer("perms", ("cases.view_case",)),
    ]
    assert layers_of("assessment:certify-run", PAGES["assessment:certify-run"]) == [
        Layer("login"),
        Layer("perms", ("assessment.certify",)),
        Layer("methods", ("POST",)),
    ]


@pytest.fixture
def clients(county):
    made = {ANONYMOUS: Client()}
    for role, home in HOMES.items():
        user = User.objects.create(username=role.value, org=county[home], role=role)
        made[role.value] = Client()
        made[role.value].force_login(user)
    return made


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_role_gets_what_its_permissions_imply(name, clients):
    callback = PAGES[name]
    url = reverse(name)
    got = {role: clients[role].get(url).status_code for role in clients}
    want = {role: expected(name, callback, role) for role in clients}
    assert got == want
    if want[ANONYMOUS] == 302:
        assert clients[ANONYMOUS].get(url)["Location"].startswith(reverse("login"))
