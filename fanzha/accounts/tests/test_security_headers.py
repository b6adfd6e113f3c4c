"""Browser-facing hardening: the Content-Security-Policy (and pages that work under it), no-store for
signed-in users, the API schema and docs for signed-in users only, and the strict settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

import fanzha
from fanzha.accounts.api_tokens import issue_token

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def test_every_page_carries_the_content_security_policy(users, client_for):
    assert Client().get(reverse("login"))["Content-Security-Policy"] == POLICY
    assert client_for("grid_worker").get(reverse("home"))["Content-Security-Policy"] == POLICY
    assert Client().get("/no-such-page/")["Content-Security-Policy"] == POLICY


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:", re.I)


def test_no_template_has_an_inline_script_or_event_handler():
    """The policy runs no inline script: a page needing one would silently break."""
    offending = []
    for template in sorted(Path(fanzha.__file__).parent.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER):
            offending += [f"{template.name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offending == []


def test_signed_in_responses_are_not_stored(users, client_for):
    page = client_for("grid_worker").get(reverse("cases:list"))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['grid_worker'])}").get("/api/cases/")
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]


def test_the_api_schema_and_docs_need_a_signed_in_user(users, client_for):
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code == 401
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs.url.startswith(reverse("login"))
    assert anonymous.get("/api/docs/?script").status_code == 302
    assert anonymous.get("/api/redoc/").status_code == 404
    signed_in = client_for("grid_worker")
    assert signed_in.get("/api/schema/").status_code == 200
    page = signed_in.get("/api/docs/")
    assert page.status_code == 200 and "<script>" not in page.content.decode()
    assert signed_in.get("/api/docs/?script").status_code == 200
    token = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['grid_worker'])}")
    assert token.get("/api/schema/").status_code == 200


def _settings_in_a_fresh_process(tmp_path, **env) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FANZHA_")}
    clean.update(DJANGO_SETTINGS_MODULE="fanzha.settings", FANZHA_DATA_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True)


def test_production_defaults_and_strictly_parsed_switches(tmp_path):
    default = _settings_in_a_fresh_process(tmp_path)
    assert default.stdout.strip() == "['127.0.0.1', 'localhost'] False False 0"
    https = _settings_in_a_fresh_process(
        tmp_path,
        FANZHA_SECURE_COOKIES="1",
        FANZHA_HSTS_SECONDS="31536000",
        FANZHA_ALLOWED_HOSTS=" fz.example , ",
    )
    assert https.stdout.strip() == "['fz.example'] True True 31536000"
    for name, value in (
        ("FANZHA_SECURE_COOKIES", "yes"),
        ("FANZHA_HSTS_SECONDS", "-1"),
        ("FANZHA_API_TOKEN_DAYS", "0"),
        ("FANZHA_ALLOWED_HOSTS", " , "),
    ):
        bad = _settings_in_a_fresh_process(tmp_path, **{name: value})
        assert bad.returncode == 1 and f"环境变量 {name} 应为" in bad.stderr, (name, bad.stderr)
