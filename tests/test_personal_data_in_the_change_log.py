"""The change log masks personal data by each model's declaration (audit/personal.py); clear text
only for those who hold cases.view_pii and ask, and that view is written to the access log."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission

from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.audit.personal import declared
from fanzha.prevention import groups
from fanzha.prevention.models import WeChatGroup

# a field whose name says it holds an ID number, a phone or an account
PERSONAL_FIELD = re.compile(r"id_number|id_card|phone|mobile|account|bank_card|card_number")
ID_NUMBER, PHONE = "11010519491231002X", "13800001111"
NEW_ID_NUMBER, NEW_PHONE = "110105194912310038", "13900002222"


def _project_models():
    return [model for model in apps.get_models() if model.__module__.startswith("fanzha.")]


def test_every_model_declares_its_personal_fields():
    """A new model (or field) with an ID number, phone or account cannot reach the change log in clear."""
    undeclared = [
        f"{model._meta.label_lower}.{field.name}"
        for model in _project_models()
        for field in model._meta.concrete_fields
        if PERSONAL_FIELD.search(field.name) and field.name not in declared(model)
    ]
    assert undeclared == []


def test_declarations_name_fields_or_labelled_snapshot_keys():
    """A misspelt key would mask nothing: every declared key is a field or a labelled snapshot key."""
    wrong = []
    for model in _project_models():
        known = {f.name for f in model._meta.concrete_fields} | set(getattr(model, "AUDIT_LABELS", {}))
        wrong += [f"{model._meta.label_lower}.{key}" for key in declared(model) if key not in known]
    assert wrong == []
    assert set(declared(apps.get_model("keypersons.keyperson"))) == {"id_number", "phone"}


@pytest.fixture
def key_person(client_for, county):
    body = {
        "name": "张三",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "category": "offender",
        "village": county["v1"].code,
        "registered_on": "2024-03-01",
    }
    officer = client_for("station_officer")
    response = officer.post("/api/keypersons/persons/", body, content_type="application/json")
    assert response.status_code == 201
    person = response.json()["id"]
    # the update's record holds just the two changed values (the page shows a record's first 8)
    response = officer.patch(
        f"/api/keypersons/persons/{person}/",
        {"id_number": NEW_ID_NUMBER, "phone": NEW_PHONE},
        content_type="application/json",
    )
    assert response.status_code == 200
    return person


def test_key_person_history_is_masked_and_unlogged_by_default(client_for, key_person):
    page = client_for("county_admin").get("/audit/?model=keypersons.keyperson").content.decode()
    assert "身份证号：110***********002X → 110***********0038" in page
    assert "联系电话：138****1111 → 139****2222" in page
    assert ID_NUMBER not in page and PHONE not in page and NEW_ID_NUMBER not in page and NEW_PHONE not in page
    assert not AccessLog.objects.exists()


def test_clear_history_is_logged(client_for, key_person):
    page = client_for("county_admin").get("/audit/?model=keypersons.keyperson&clear=1").content.decode()
    assert f"身份证号：{ID_NUMBER} → {NEW_ID_NUMBER}" in page and f"联系电话：{PHONE} → {NEW_PHONE}" in page
    log = AccessLog.objects.get()
    assert (log.username, log.action, log.model, log.fields) == (
        "county_admin",
        "view",
        "audit.objectchange",
        "个人信息明文",
    )
    assert log.detail == "变更记录 第1页；条件：model=keypersons.keyperson&clear=1"


def test_clear_needs_view_pii(client, county, key_person):
    from fanzha.accounts.models import User

    clerk = User.objects.create(username="clerk", org=county["root"])  # the county office, no role
    clerk.user_permissions.add(Permission.objects.get(codename="view_objectchange"))
    client.force_login(clerk)
    page = client.get("/audit/?model=keypersons.keyperson&clear=1").content.decode()
    assert "110***********002X" in page and ID_NUMBER not in page and NEW_PHONE not in page
    assert "显示明文" not in page
    assert not AccessLog.objects.exists()


def test_group_owner_phone_is_masked(client_for, county, users):
    group = WeChatGroup.objects.create(
        name="东风村1组反诈群",
        org=county["v1"],
        base_unit="villager_group",
        owner_name="李四",
        owner_phone="13900002222",
        created_on=date(2024, 1, 1),
    )
    groups.change_owner(users["grid_worker"], group, "王五", "13700003333", date(2024, 3, 1), "换届")
    assert ObjectChange.objects.filter(model="prevention.wechatgroup").count() == 1
    page = client_for("county_admin").get("/audit/?model=prevention.wechatgroup").content.decode()
    assert "负责人电话：139****2222 → 137****3333" in page
    assert "13900002222" not in page and "13700003333" not in page


def test_the_logs_are_the_county_offices(users, client_for):
    """A role given the audit permissions below the root still sees no county-wide log."""
    from django.contrib.auth.models import Permission

    officer = users["station_officer"]
    officer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_objectchange", "view_accesslog"])
    )
    client = client_for("station_officer")
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/access/").status_code == 404
    assert client_for("county_admin").get("/audit/").status_code == 200
