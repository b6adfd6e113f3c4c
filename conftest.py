"""Shared fixtures: a small county (two towns, four villages, two stations, a member unit) and one
user per role, built through the ORM so each test starts in milliseconds."""

import pytest

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.orgs.models import Population
from tests.county import build_county

PASSWORD = "Test-passw0rd-Fz"


@pytest.fixture(autouse=True)
def _taxonomy(request):
    """A transactional test flushes the database, migration data included: put it back (fraud types,
    the outreach catalogue, the 004 scheme)."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        from fanzha.cases.models import FraudType
        from fanzha.cases.taxonomy import ensure_default_fraud_types

        request.getfixturevalue("db")
        ensure_default_fraud_types(FraudType)
        from django.apps import apps

        from fanzha.prevention import catalogue
        from fanzha.prevention.models import ActivityKind

        if not ActivityKind.objects.exists():  # the outreach catalogue, also migration data
            catalogue.load(apps)
        from fanzha.assessment import scheme_004

        scheme_004.install()  # the 004 百分制 scheme (migration data; installs only where missing)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # the production hasher is deliberately slow; tests create many users
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def county(db):
    """tests/county.py's county (two towns, four villages, two stations, a member unit)."""
    return build_county()


ROLE_HOMES = {
    "county_admin": ("root", Role.COUNTY_ADMIN),
    "station_officer": ("s1", Role.STATION_OFFICER),
    "town_staff": ("town", Role.TOWN_STAFF),
    "grid_worker": ("v1", Role.GRID_WORKER),
    "other_grid_worker": ("c1", Role.GRID_WORKER),
    "unit_liaison": ("school", Role.UNIT_LIAISON),
}


@pytest.fixture
def users(county):
    made = {}
    for username, (home, role) in ROLE_HOMES.items():
        user = User(username=username, org=county[home], role=role)
        user.set_password(PASSWORD)
        user.save()
        made[username] = user
    return made


@pytest.fixture
def client_for(client, users):
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(users[username])
        return c

    return make


@pytest.fixture
def stations(db):
    """K1 (docs/indicators.md): stations A, B, C with one village each of 60,000, 20,000 and 30,000
    people, and a fourth station D with no population figure."""
    from fanzha.cases.tests.builders import unit

    root = unit("900000", "测试县", "county")
    town = unit("900100", "测试镇", "town", root)
    made = {}
    for letter, people in (("A", 60000), ("B", 20000), ("C", 30000), ("D", None)):
        station = unit(f"900S{letter}", f"{letter}派出所", "station", root)
        village = unit(f"900100{letter}", f"{letter}村", "village", town, station=station)
        if people:
            Population.objects.create(org=village, year=2024, population=people)
        made[letter] = station
        made[f"v{letter}"] = village
    made["root"], made["town"] = root, town
    return made
