"""Login throttling: one rule for every login path, per (user name, address) pair, counted before
the password is checked."""

import threading

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

OFFICE, ELSEWHERE = "10.1.1.1", "10.2.2.2"


def _site_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _admin_login(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )


def _logged_in_as(client) -> str | None:
    from fanzha.accounts.models import User

    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk).username if pk else None


@pytest.fixture
def staff(users):
    users["county_admin"].is_staff = True
    users["county_admin"].save()
    return users["county_admin"]


def test_a_user_locked_on_the_site_login_is_locked_on_the_admin_login(staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(3):
        assert "用户名或密码不正确" in _site_login(client, "county_admin", "wrong").content.decode()
    response = _admin_login(client, "county_admin", PASSWORD)
    assert response.status_code == 200 and "登录失败次数过多" in response.content.decode()
    assert _logged_in_as(client) is None
    assert client.get("/admin/").status_code == 302  # no session valid anywhere


def test_failures_on_the_admin_login_lock_the_site_login(staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(3):
        assert _admin_login(client, "county_admin", "wrong").status_code == 200
    assert "登录失败次数过多" in _site_login(client, "county_admin", PASSWORD).content.decode()
    assert _logged_in_as(client) is None


def test_the_lock_holds_one_name_at_one_address(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR=OFFICE)
    for _ in range(3):
        _site_login(attacker, "grid_worker", "wrong")
    assert "登录失败次数过多" in _site_login(attacker, "grid_worker", PASSWORD).content.decode()
    assert _logged_in_as(attacker) is None
    colleague = Client(REMOTE_ADDR=OFFICE)  # the same office address, another user
    assert _site_login(colleague, "town_staff", PASSWORD).status_code == 302
    assert _logged_in_as(colleague) == "town_staff"
    owner = Client(REMOTE_ADDR=ELSEWHERE)  # the locked name, from another address
    assert _site_login(owner, "grid_worker", PASSWORD).status_code == 302
    assert _logged_in_as(owner) == "grid_worker"


def test_an_address_trying_many_names_meets_the_address_ceiling(users, settings):
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3, 6
    sprayer = Client(REMOTE_ADDR=OFFICE)
    for name in ("grid_worker", "town_staff", "station_officer", "unit_liaison", "nobody", "other"):
        assert "用户名或密码不正确" in _site_login(sprayer, name, "wrong").content.decode()
    assert "登录失败次数过多" in _site_login(sprayer, "county_admin", PASSWORD).content.decode()
    assert _site_login(Client(REMOTE_ADDR=ELSEWHERE), "county_admin", PASSWORD).status_code == 302


def test_a_success_clears_the_pair_and_leaves_the_address_count_to_failures(users, settings):
    from fanzha.accounts.models import LoginAttempts

    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(2):
        _site_login(client, "Grid_Worker", "wrong")  # names count case-insensitively
    assert _site_login(client, "grid_worker", PASSWORD).status_code == 302
    assert dict(LoginAttempts.objects.values_list("username", "count")) == {"": 2}
    for _ in range(3):
        _site_login(Client(REMOTE_ADDR=OFFICE), "grid_worker", "wrong")
    assert (
        "登录失败次数过多"
        in _site_login(Client(REMOTE_ADDR=OFFICE), "grid_worker", PASSWORD).content.decode()
    )


def test_a_lock_ends_when_its_window_has_passed(users, settings):
    from datetime import timedelta

    from django.utils import timezone

    from fanzha.accounts.models import LoginAttempts

    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_SECONDS = 3, 900
    client = Client(REMOTE_ADDR=OFFICE)
    for _ in range(4):
        _site_login(client, "grid_worker", "wrong")
    assert "登录失败次数过多" in _site_login(client, "grid_worker", PASSWORD).content.decode()
    LoginAttempts.objects.update(since=timezone.now() - timedelta(seconds=901))
    assert _site_login(client, "grid_worker", PASSWORD).status_code == 302
    assert list(LoginAttempts.objects.values_list("username", "count")) == [("", 0)]


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting the passwords it checks."""

    checks = 0
    lock = threading.Lock()

    def verify(self, password, encoded):
        with CountingHasher.lock:
            CountingHasher.checks += 1
        return super().verify(password, encoded)


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_get_no_more_password_checks_than_the_limit(users, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    settings.LOGIN_FAILURE_LIMIT = 5
    CountingHasher.checks = 0
    guesses = 20
    start = threading.Barrier(guesses)
    statuses = []

    def guess(n):
        try:
            start.wait()
            statuses.append(_site_login(Client(REMOTE_ADDR=OFFICE), "grid_worker", f"guess-{n}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * guesses
    assert CountingHasher.checks == 5
    assert _site_login(Client(REMOTE_ADDR=OFFICE), "grid_worker", PASSWORD).status_code == 200
    assert CountingHasher.checks == 5
