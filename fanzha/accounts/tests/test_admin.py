"""The user admin: a county admin cannot raise anyone (themselves included) above their own rights,
and edits only the users of their own org subtree."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from conftest import PASSWORD
from fanzha.accounts.models import User
from fanzha.orgs.models import OrgUnit


@pytest.fixture
def admin_client(users):
    users["county_admin"].is_staff = True
    users["county_admin"].save()
    client = Client()
    client.force_login(users["county_admin"])
    return client


def _change(client, user, **fields):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "08:00:00",
        "org": str(user.org_id),
        "role": user.role,
        **fields,
    }
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def test_a_county_admin_cannot_make_themselves_superuser(users, admin_client):
    me = users["county_admin"]
    response = _change(admin_client, me, is_staff="on", is_superuser="on")
    assert response.status_code == 302
    me.refresh_from_db()
    assert (me.is_superuser, me.is_staff) == (False, True)


def test_a_county_admin_cannot_grant_staff_permissions_or_groups(users, admin_client, county):
    worker = users["grid_worker"]
    delete_case = Permission.objects.get(codename="delete_case")
    response = _change(
        admin_client,
        worker,
        is_staff="on",
        is_superuser="on",
        user_permissions=[str(delete_case.pk)],
        groups=[],
        first_name="王五",
    )
    assert response.status_code == 302
    worker = User.objects.get(pk=worker.pk)
    assert (worker.first_name, worker.is_staff, worker.is_superuser) == ("王五", False, False)
    assert list(worker.user_permissions.all()) == [] and not worker.has_perm("cases.delete_case")
    assert [g.name for g in worker.groups.all()] == ["村/社区网格员"]  # the role's group stays


def test_a_county_admin_edits_only_users_of_their_subtree(users, admin_client, county):
    other_county = OrgUnit.objects.create(code="361124000000", name="邻县", kind="county")
    outsider = User.objects.create_user("outsider", password=PASSWORD, org=other_county, role="grid_worker")
    root = User.objects.create_superuser("root", password=PASSWORD)
    for user in (outsider, root):
        assert admin_client.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 302  # → admin index
        assert _change(admin_client, user, org=str(county["v1"].pk)).status_code == 302
        assert admin_client.get(f"/admin/accounts/user/{user.pk}/password/").status_code == 404
    listed = admin_client.get("/admin/accounts/user/").context["cl"].result_list
    assert {u.username for u in listed} == set(users)
    assert User.objects.get(pk=outsider.pk).org == other_county
    moved = _change(admin_client, users["grid_worker"], org=str(other_county.pk))
    assert moved.status_code == 200 and "org" in moved.context["adminform"].form.errors
    assert User.objects.get(username="grid_worker").org == county["v1"]


def test_a_superuser_may_still_grant_superuser_status(users):
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(root)
    worker = users["grid_worker"]
    assert _change(client, worker, is_staff="on", is_superuser="on").status_code == 302
    worker.refresh_from_db()
    assert (worker.is_staff, worker.is_superuser) == (True, True)
