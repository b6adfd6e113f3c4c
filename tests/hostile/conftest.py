"""The hostile suite's data: the shared county, one user per role and two worlds of records (see
world.py), built once for the whole folder inside a transaction that is rolled back at its end. Each
test runs in a savepoint of it (the `db` fixture), so what a test writes is undone, and one logged-in
client per role is reused."""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client, override_settings
from openpyxl import Workbook

from tests.hostile import world as w


@dataclass
class Hostile:
    county: dict
    users: dict
    worlds: dict  # "v1" / "c1" → World
    clients: dict  # role (or "anonymous") → Client
    media: object

    def foreign(self, role):
        name = w.foreign_world(role)
        return self.worlds[name] if name else None

    def home(self, role):
        return self.worlds[w.home_world(role)]

    @property
    def pii(self) -> set[str]:
        return set().union(*(world.pii for world in self.worlds.values()))


def _error_workbook(world, media) -> None:
    """The batch's error workbook holds the raw rows, personal data included (served as an export)."""
    batch = world.record("imports.importbatch")
    folder = media / "import-errors"
    folder.mkdir(exist_ok=True)
    book = Workbook()
    book.active.append(["身份证号", world.record("cases.case").victim_id_number])
    book.save(folder / f"{world.name}.xlsx")
    batch.error_workbook = f"{world.name}.xlsx"
    batch.save(update_fields=["error_workbook"])


@pytest.fixture(scope="package")
def hostile(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("hostile-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            from fanzha.cases.models import FraudType
            from fanzha.cases.taxonomy import ensure_default_fraud_types

            ensure_default_fraud_types(FraudType)
            county = w.build_county()
            users = w.build_users(county)
            worlds = {
                "v1": w.World("v1", county["v1"], county["s1"], county["town"], owner=users["grid_worker"]),
                "c1": w.World(
                    "c1", county["c1"], county["s2"], county["street"], owner=users["other_grid_worker"]
                ),
            }
            for world in worlds.values():
                w.build_world(world, county, users["county_admin"])
                _error_workbook(world, media)
            clients = {w.ANONYMOUS: Client()}
            for role, user in users.items():
                clients[role] = Client()
                clients[role].force_login(user)
            yield Hostile(county, users, worlds, clients, media)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _taxonomy():
    """The root conftest's per-test fraud types: the package fixture put them in once."""


@pytest.fixture(autouse=True)
def _test_settings(settings, hostile):
    """The root conftest's per-test settings, once for the package: the worlds' evidence files and error
    workbooks, and the fast password hasher the users were made with."""
    settings.MEDIA_ROOT = hostile.media
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
