"""fanzha user passwd NAME: a new password from the prompt (twice) or one line of stdin, checked by
Django's validators, written to the change log (never the password itself); the admin's 修改密码 too."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from fanzha.accounts.management.commands.user import Command
from fanzha.audit.models import ObjectChange

NEW = "Another-passw0rd-Fz"


def _stdin(monkeypatch, text):
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _resets(user):
    return ObjectChange.objects.filter(model="accounts.user", object_id=str(user.pk), action="update")


def test_passwd_reads_a_line_of_stdin_and_is_audited(users, monkeypatch):
    _stdin(monkeypatch, NEW + "\n")
    out = io.StringIO()
    call_command("user", "passwd", "grid_worker", stdout=out)
    assert "grid_worker 的密码已重设" in out.getvalue()
    user = users["grid_worker"]
    user.refresh_from_db()
    assert user.check_password(NEW)
    (change,) = _resets(user)
    assert NEW not in str(change.before) + str(change.after)


def test_passwd_refuses_what_the_validators_refuse(users, monkeypatch):
    _stdin(monkeypatch, "123\n")
    with pytest.raises(CommandError, match="密码不符合要求.*密码未修改"):
        call_command("user", "passwd", "grid_worker")
    users["grid_worker"].refresh_from_db()
    assert not users["grid_worker"].check_password("123")
    assert not _resets(users["grid_worker"]).exists()


def test_passwd_prompts_twice_at_a_terminal(users, monkeypatch):
    monkeypatch.setattr(Command, "stdin_is_tty", staticmethod(lambda: True))
    answers = iter([NEW, NEW + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="两次输入的密码不一致"):
        call_command("user", "passwd", "grid_worker")
    answers = iter([NEW, NEW])
    call_command("user", "passwd", "grid_worker", stdout=io.StringIO())
    users["grid_worker"].refresh_from_db()
    assert users["grid_worker"].check_password(NEW)


def test_passwd_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="没有用户「nobody」"):
        call_command("user", "passwd", "nobody")


def test_the_admin_password_form_is_audited(users):
    admin = users["county_admin"]
    admin.is_staff = True
    admin.save()
    client = Client()
    client.force_login(admin)
    target = users["grid_worker"]
    response = client.post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(NEW)
    assert _resets(target).get().username == admin.username
