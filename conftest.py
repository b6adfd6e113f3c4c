"""Shared fixtures: a small county (two towns, four villages, two stations, a member unit) and one
user per role, built through the ORM so each test starts in milliseconds."""

import pytest

from fanzha.accounts.models import User
from fanzha.accounts.roles import Role
from fanzha.orgs.models import OrgUnit, Population

PASSWORD = "Test-passw0rd-Fz"


@pytest.fixture(autouse=True)
def _taxonomy(request):
    """A transactional test flushes the database, migration data included: put the types back."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        from fanzha.cases.models import FraudType
        from fanzha.cases.taxonomy import ensure_default_fraud_types

        request.getfixturevalue("db")
        ensure_default_fraud_types(FraudType)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # the production hasher is deliberately slow; tests create many users
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _unit(code, name, kind, parent=None, **extra):
    unit = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
    unit.save()
    return unit


@pytest.fixture
def county(db):
    """示范县 → 青山镇 (东风村, 新村), 河东街道 (滨江社区, 新村); 城关派出所 covers 青山镇's villages,
    河东派出所 covers 河东街道's; 县第一中学 is a member unit. Two villages share the name 新村."""
    root = _unit("361123000000", "示范县", "county")
    s1 = _unit("361123S01", "城关派出所", "station", root)
    s2 = _unit("361123S02", "河东派出所", "station", root)
    town = _unit("361123100000", "青山镇", "town", root)
    street = _unit("361123001000", "河东街道", "street", root)
    v1 = _unit("361123100200", "东风村", "village", town, station=s1)
    v2 = _unit("361123100201", "新村", "village", town, station=s1)
    c1 = _unit("361123001001", "滨江社区", "community", street, station=s2)
    c2 = _unit("361123001002", "新村", "village", street, station=s2)
    school = _unit("361123X001", "县第一中学", "member_unit", root, sector="学校")
    for unit, people in ((v1, 2000), (v2, 1500), (c1, 8000), (c2, 1200)):
        Population.objects.create(org=unit, year=2024, population=people, households=people // 3)
    return {
        "root": root,
        "s1": s1,
        "s2": s2,
        "town": town,
        "street": street,
        "v1": v1,
        "v2": v2,
        "c1": c1,
        "c2": c2,
        "school": school,
    }


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
    """K1 (DOMAIN.md §7.4): stations A, B, C with one village each of 60,000, 20,000 and 30,000
    people, and a fourth station D with no population figure."""
    from fanzha.assessment.tests.ledger import unit

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
