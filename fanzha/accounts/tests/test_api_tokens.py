"""API tokens: stored as a digest, expire, die with a password change; `fanzha token` prints a new one."""

import hashlib
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone


def _token(capsys, username="grid_worker") -> str:
    capsys.readouterr()
    call_command("token", username)
    return capsys.readouterr().out.strip()


def _status(key: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/cases/").status_code


def _every_stored_text() -> str:
    """Every row of every table, as text: where a key stored in clear would show."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump.extend(str(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_only_a_digest_of_the_key_is_stored(users, capsys):
    key = _token(capsys)
    assert len(key) == 40 and _status(key) == 200
    assert key not in _every_stored_text()
    from fanzha.accounts.models import ApiToken

    assert ApiToken.objects.get().digest == hashlib.sha256(key.encode()).hexdigest()


def test_a_token_expires_after_the_configured_days(users, capsys, settings):
    from fanzha.accounts.models import ApiToken

    settings.API_TOKEN_DAYS = 30
    key = _token(capsys)
    token = ApiToken.objects.get()
    assert timedelta(days=30) - (token.expires_at - timezone.now()) < timedelta(minutes=1)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/cases/")
    assert response.status_code == 401 and "令牌无效或已过期" in response.json()["detail"]


def test_a_password_change_revokes_the_tokens(users, capsys):
    key = _token(capsys)
    assert _status(key) == 200
    user = users["grid_worker"]
    user.set_password("Another-passw0rd-Fz")
    user.save()
    assert _status(key) == 401
    user.first_name = "张三"
    user.save()  # other changes keep a token
    fresh = _token(capsys)
    user.save()
    assert _status(fresh) == 200


def test_the_token_command_prints_a_fresh_token_and_revokes_the_old(users, capsys):
    first = _token(capsys)
    second = _token(capsys)
    assert first != second and len(second) == 40
    assert _status(first) == 401 and _status(second) == 200
