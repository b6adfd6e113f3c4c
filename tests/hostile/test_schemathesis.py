"""Schemathesis against the WSGI app, in-process, as the county admin (token): every operation of the
OpenAPI schema gets a bounded, reproducible run of generated requests, and none may end in a server
error. The schema is drf-spectacular's, generated in-process; the app runs inside the suite's
transaction, so it sees the county and the worlds, and what it writes is rolled back."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from fanzha.accounts.api_tokens import issue_token

pytestmark = pytest.mark.django_db

EXAMPLES = 15  # per operation; with derandomize, the same requests on every run

# 500s another engineer is fixing; schemathesis may or may not draw the input that hits them
# operation label → why it still answers with a 500 (a non-strict xfail: schemathesis may not draw
# the failing input); empty since the 500s of the hostile test were fixed
KNOWN_SERVER_ERRORS: dict[str, str] = {}

RAW = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
API = schemathesis.openapi.from_dict(RAW)
API.app = WSGIHandler()
LABELS = [f"{method.upper()} {path}" for path, item in RAW["paths"].items() for method in item]
REQUESTS = {"made": 0}


def _cases():
    for label in LABELS:
        reason = KNOWN_SERVER_ERRORS.get(label)
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        yield pytest.param(label, marks=marks, id=label)


@pytest.fixture
def in_transaction():
    """Django closes the connection around each request it serves, which would end the test's
    transaction; the test client stops that too."""
    hooks = (signals.request_started, signals.request_finished)
    for signal in hooks:
        signal.disconnect(close_old_connections)
    yield
    for signal in hooks:
        signal.connect(close_old_connections)


def test_every_operation_is_fuzzed():
    assert len(LABELS) >= 60
    assert set(KNOWN_SERVER_ERRORS) <= set(LABELS)


@pytest.mark.parametrize("label", list(_cases()))
def test_no_server_error(hostile, in_transaction, label):
    method, path = label.split(" ", 1)
    operation = API[path][method]
    headers = {"Authorization": f"Token {issue_token(hostile.users['county_admin'])}"}

    @given(
        case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        REQUESTS["made"] += 1
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


def test_requests_made():
    """Runs last in this module: the fuzzing really ran (a broken strategy would send nothing)."""
    if REQUESTS["made"]:
        print(f"schemathesis: {REQUESTS['made']} requests over {len(LABELS)} operations")
    assert REQUESTS["made"] == 0 or REQUESTS["made"] >= len(LABELS)
