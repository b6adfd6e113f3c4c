import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from fanzha.accounts.models import User


def test_login_is_throttled_after_repeated_failures(users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "grid_worker", "password": "wrong"})
        assert "用户名或密码不正确" in response.content.decode()
    locked = client.post(reverse("login"), {"username": "grid_worker", "password": PASSWORD})
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_and_csrf_is_enforced(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "grid_worker", "password": PASSWORD})
    assert response.status_code == 403  # no CSRF token
    page = client.get(reverse("login"))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("login"), {"username": "grid_worker", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_user_and_token_commands(county, monkeypatch, capsys):
    monkeypatch.setenv("FANZHA_PASSWORD", "short")
    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("user", "add", "wang", "--org", county["v1"].code, "--role", "grid_worker")
    monkeypatch.setenv("FANZHA_PASSWORD", "A-much-longer-passw0rd")
    call_command("user", "add", "wang", "--org", county["v1"].code, "--role", "grid_worker")
    user = User.objects.get(username="wang")
    assert (
        user.org == county["v1"] and user.has_perm("cases.view_case") and not user.has_perm("cases.view_pii")
    )
    capsys.readouterr()
    call_command("token", "wang")
    token = capsys.readouterr().out.strip()
    assert len(token) == 40
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/cases/").status_code == 200
    assert Client(HTTP_AUTHORIZATION="Token nope").get("/api/cases/").status_code == 401
    with pytest.raises(CommandError, match="找不到代码"):
        call_command("user", "add", "li", "--org", "NOPE", "--role", "grid_worker")


def test_user_add_takes_the_name(county, monkeypatch):
    monkeypatch.setenv("FANZHA_PASSWORD", "A-much-longer-passw0rd")
    call_command(
        "user", "add", "wang", "--org", county["v1"].code, "--role", "grid_worker", "--name", "王秀英"
    )
    assert User.objects.get(username="wang").get_full_name() == "王秀英"
    call_command("user", "add", "wang", "--org", county["v1"].code, "--role", "grid_worker")
    assert User.objects.get(username="wang").get_full_name() == "王秀英"  # kept when not given again
