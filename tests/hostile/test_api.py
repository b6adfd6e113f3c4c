"""Every operation of the OpenAPI schema (drf-spectacular, generated in-process), as every role: a
foreign record is exactly as absent as a missing one for reads and writes alike, and a refused write
changes nothing; a list asked for a foreign unit's rows shows none; and a record in scope cannot be
moved out of it (an org reference set to a unit the role does not cover is a 400, the record as it was)."""

import json

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.test import APIRequestFactory, force_authenticate

from fanzha.orgs.models import OrgUnit
from fanzha.orgs.scope import covers
from tests.hostile import world as w
from tests.hostile.findings import param
from tests.hostile.probe import (
    MISSING_PK,
    access_rows,
    clear_values,
    foreign_markers,
    shown_text,
    state,
)
from tests.hostile.routes import Route

pytestmark = pytest.mark.django_db

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OUTSIDERS = [role for role in w.ROLES if w.foreign_world(role)] + [w.ANONYMOUS]
WRITES = ("post", "put", "patch", "delete")
ORG_FILTERS = {"unit", "place", "station", "town", "employer", "parent", "code"}


class Operation:
    def __init__(self, path: str, method: str, spec: dict):
        self.path, self.method, self.spec = path, method, spec
        self.id = spec["operationId"]
        self.path_params = [p["name"] for p in spec.get("parameters", []) if p["in"] == "path"]
        self.query_params = {p["name"] for p in spec.get("parameters", []) if p["in"] == "query"}
        match = resolve(path.replace("{id}", "1"))
        view = match.func
        queryset = getattr(view.cls, "queryset", None)
        model = queryset.model._meta.label_lower if queryset is not None else None
        self.route = Route(match.url_name, path, tuple(self.path_params), model, view)
        self.view_class = view.cls

    def __str__(self):
        return f"{self.method.upper()} {self.path}"

    def url(self, record_id=None) -> str:
        return self.path.replace("{id}", str(record_id))

    def body(self) -> dict | None:
        content = self.spec.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        return _sample(schema) if schema else None

    def org_fields(self) -> dict[str, serializers.Field]:
        """Writable org references of the operation's serializer (by code or by id)."""
        serializer_class = getattr(self.view_class, "serializer_class", None)
        if serializer_class is None:
            return {}
        fields = serializer_class().fields
        return {
            name: field
            for name, field in fields.items()
            if not field.read_only
            and isinstance(field, serializers.RelatedField)
            and field.queryset is not None
            and field.queryset.model is OrgUnit
        }


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            return _resolve(schema[combined][0])
    return schema


def _sample(schema: dict):
    """A value the schema accepts, as plain as it comes: the first choice, a date, a one, a true."""
    schema = _resolve(schema)
    if "enum" in schema:
        return next(v for v in schema["enum"] if v not in ("", None))
    kind = schema.get("type", "object")
    if kind == "object":
        return {name: _sample(schema["properties"][name]) for name in schema.get("required", [])}
    if kind == "array":
        return []
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return 1
    return {"date": "2024-03-05", "date-time": "2024-03-05T14:20:00+08:00"}.get(schema.get("format"), "1")


OPERATIONS = [
    Operation(path, method, spec) for path, item in SCHEMA["paths"].items() for method, spec in item.items()
]


def permitted(operation, user) -> bool:
    """What the operation's declared permission classes say of the user before any record is looked up:
    refused → 403, allowed → the lookup of a missing record → 404."""
    url = operation.url(MISSING_PK)
    match = resolve(url)
    view = match.func.cls(**match.func.initkwargs)
    view.action_map = getattr(match.func, "actions", None) or {}
    view.action = view.action_map.get(operation.method)
    view.args, view.kwargs, view.format_kwarg = (), match.kwargs, None
    raw = getattr(APIRequestFactory(), operation.method)(url)
    force_authenticate(raw, user=user)
    view.request = request = view.initialize_request(raw)
    return all(permission.has_permission(request, view) for permission in view.get_permissions())


def _send(client, operation, url, body=None, **query):
    data = json.dumps(body if body is not None else {})
    if operation.method == "get":
        return client.get(url, query)
    return getattr(client, operation.method)(url, data, content_type="application/json")


def _record_operations():
    return [op for op in OPERATIONS if "id" in op.path_params and op.route.model in w.BUILT]


def _foreign_cases():
    for op in _record_operations():
        for role in OUTSIDERS:
            yield param("api-foreign", op.id, role, op, role, id=f"{op}-{role}")


def _list_cases():
    for op in OPERATIONS:
        if op.method == "get" and not op.path_params and op.query_params & ORG_FILTERS:
            for role in w.ROLES:
                if w.foreign_world(role):
                    yield param("api-filter", op.id, role, op, role, id=f"{op}-{role}")


def _move_cases():
    for op in OPERATIONS:
        if op.method == "patch" and op.route.model in w.BUILT:
            for field in op.org_fields():
                for role in w.ROLES:
                    if w.foreign_world(role):
                        yield param(
                            "api-move", f"{op.id}.{field}", role, op, field, role, id=f"{op}-{field}-{role}"
                        )


def test_schema_operations_are_generated():
    assert len(OPERATIONS) >= 60
    assert len(_record_operations()) >= 35
    assert [str(op) for op in OPERATIONS if "id" in op.path_params and op.route.model is None] == []


@pytest.mark.parametrize(("operation", "role"), list(_foreign_cases()))
def test_foreign_record_is_not_found(hostile, operation, role):
    world = hostile.foreign(role) or hostile.worlds["c1"]
    client = hostile.clients[role]
    before = state(world, operation.route)
    body = operation.body()
    response = _send(client, operation, operation.url(world.record(operation.route.model).pk), body)
    if role == w.ANONYMOUS:
        assert response.status_code == 401
    else:
        missing = _send(client, operation, operation.url(MISSING_PK), body)
        assert missing.status_code == (404 if permitted(operation, hostile.users[role]) else 403)
        assert response.status_code == missing.status_code, shown_text(response)[:2000]
    assert state(world, operation.route) == before


@pytest.mark.parametrize(("operation", "role"), list(_list_cases()))
def test_list_filtered_to_a_foreign_unit_shows_none_of_it(hostile, operation, role):
    foreign = hostile.foreign(role)
    user = hostile.users[role]
    for unit in (foreign.place, foreign.station, foreign.town):
        for value in (unit.pk, unit.code):
            query = {name: value for name in operation.query_params & ORG_FILTERS} | {"clear": "1"}
            logged = access_rows()
            text = shown_text(_send(hostile.clients[role], operation, operation.url(), **query))
            assert foreign_markers(text, foreign) == [], query
            clear = clear_values(text, hostile.pii)
            if not user.has_perm("cases.view_pii"):
                assert clear == [], query
            elif clear:
                assert access_rows() > logged, f"clear {clear} shown without an access-log row"


def _foreign_unit(hostile, role, field, current=None):
    """A unit the field accepts that the role does not cover, other than the record's own `current`
    one (naming what is stored changes nothing); None: every such unit is covered."""
    user = hostile.users[role]
    foreign = hostile.foreign(role)
    candidates = (
        foreign.place,
        foreign.station,
        foreign.town,
        hostile.county["school"],
        hostile.county["school2"],
    )
    for unit in candidates:
        if unit.pk != current and field.queryset.filter(pk=unit.pk).exists() and not covers(user, unit):
            return unit
    return None


# org fields that a permission lets its holder set to any unit (fanzha.cases.attribution: the county
# office and station officers name the victim's employer, a member unit outside their subtree)
ANY_UNIT_PERMISSIONS = {("cases.case", "employer"): "cases.assign_employer"}


@pytest.mark.parametrize(("operation", "field", "role"), list(_move_cases()))
def test_record_cannot_be_moved_out_of_scope(hostile, operation, field, role):
    home = hostile.home(role)
    permission = ANY_UNIT_PERMISSIONS.get((operation.route.model, field))
    allowed = bool(permission) and hostile.users[role].has_perm(permission)
    record = home.record(operation.route.model)
    client = hostile.clients[role]
    serializer_field = operation.org_fields()[field]
    unit = _foreign_unit(hostile, role, serializer_field, getattr(record, f"{field}_id", None))
    assert unit is not None, f"{field} accepts no unit outside {role}'s subtree"
    value = getattr(unit, getattr(serializer_field, "slug_field", None) or "pk")
    before = state(home, operation.route)
    unchanged = client.patch(operation.url(record.pk), "{}", content_type="application/json")
    expected = 400 if unchanged.status_code == 200 else unchanged.status_code
    before = state(home, operation.route) | {"changes": before["changes"]}
    response = client.patch(
        operation.url(record.pk), json.dumps({field: value}), content_type="application/json"
    )
    if allowed:  # the permission's holder may name that unit: the write goes through
        assert response.status_code == 200, shown_text(response)[:2000]
        stored = type(record).objects.get(pk=record.pk)  # the world's record object stays as built
        assert getattr(stored, f"{field}_id") == unit.pk
        return
    assert response.status_code == expected, shown_text(response)[:2000]
    after = state(home, operation.route)
    assert after["record"] == before["record"]


def _write_operations():
    return [op for op in _record_operations() if op.method in ("patch", "put", "post")]


@pytest.mark.parametrize("operation", _write_operations(), ids=str)
def test_a_writes_answer_shows_no_unlogged_clear_data(hostile, operation):
    """`?clear=1` on a write, by a role holding `cases.view_pii`: the answer carries no clear personal
    data unless an access-log row records it."""
    home = hostile.home("county_admin")
    record = home.record(operation.route.model)
    logged = access_rows()
    body = {} if operation.method == "patch" else operation.body()
    url = operation.url(record.pk) + "?clear=1"
    text = shown_text(_send(hostile.clients["county_admin"], operation, url, body))
    clear = clear_values(text, hostile.pii)
    assert clear == [] or access_rows() > logged, f"clear {clear} in a write's answer without a log row"
