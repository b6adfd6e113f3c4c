"""Moving a unit moves its subtree, however the parent is changed: the admin, an import, a plain save."""

import pytest

from fanzha.accounts.models import User
from fanzha.cases.models import Case
from fanzha.cases.tests.builders import add_cases
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.tree import TreeError


def _admin_client(client):
    admin = User.objects.create_superuser("root", password="x")
    client.force_login(admin)
    return client


def _change(client, unit, parent):
    """POST the admin change form for `unit` with a new parent, every other field as it is."""
    return client.post(
        f"/admin/orgs/orgunit/{unit.pk}/change/",
        {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": parent.pk,
            "sector": unit.sector,
            "station": unit.station_id or "",
            "is_active": "on",
            "populations-TOTAL_FORMS": "0",
            "populations-INITIAL_FORMS": "0",
            "populations-MIN_NUM_FORMS": "0",
            "populations-MAX_NUM_FORMS": "1000",
        },
    )


def _paths(*units):
    return [OrgUnit.objects.get(pk=u.pk).path for u in units]


def test_moving_a_town_in_the_admin_moves_its_villages_and_keeps_the_town_users_cases(county, users, client):
    town, street, v1, v2 = county["town"], county["street"], county["v1"], county["v2"]
    add_cases(v1, "2024-03-05", count=3)
    add_cases(v2, "2024-03-06", count=2)
    assert Case.objects.visible_to(users["town_staff"]).count() == 5

    response = _change(_admin_client(client), town, street)

    assert response.status_code == 302
    moved = f"{street.path}{town.pk}/"
    assert _paths(town, v1, v2) == [moved, f"{moved}{v1.pk}/", f"{moved}{v2.pk}/"]
    assert [OrgUnit.objects.get(pk=u.pk).level for u in (town, v1, v2)] == [2, 3, 3]
    town_staff = User.objects.get(username="town_staff")  # a fresh request reads the home unit afresh
    assert Case.objects.visible_to(town_staff).count() == 5
    street_staff = User.objects.create(username="street", org=street)
    assert Case.objects.visible_to(street_staff).count() == 5


def test_the_admin_refuses_a_move_under_the_units_own_descendant(county, client):
    town, v1 = county["town"], county["v1"]
    before = _paths(town, v1)

    response = _change(_admin_client(client), town, v1)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "不能把「青山镇」移到它自己的下级「东风村」之下"
    ]
    assert _paths(town, v1) == before


@pytest.mark.parametrize("target", ["town", "v1"])
def test_a_plain_save_under_itself_or_a_descendant_is_refused(county, target):
    town = OrgUnit.objects.get(pk=county["town"].pk)
    before = _paths(town, county["v1"])
    town.parent = county[target]
    with pytest.raises(TreeError):
        town.save()
    assert _paths(town, county["v1"]) == before


def test_a_plain_save_with_a_new_parent_moves_the_subtree(county):
    street = OrgUnit.objects.get(pk=county["street"].pk)
    street.parent = county["town"]
    street.save()
    moved = f"{county['town'].path}{street.pk}/"
    assert _paths(street, county["c1"], county["c2"]) == [
        moved,
        f"{moved}{county['c1'].pk}/",
        f"{moved}{county['c2'].pk}/",
    ]


def test_saving_a_unit_whose_parent_object_is_stale_keeps_the_true_path(county):
    """An importer holds units read before a move: saving one must not undo the move."""
    v1 = OrgUnit.objects.select_related("parent").get(pk=county["v1"].pk)  # v1.parent holds the old path
    town = OrgUnit.objects.get(pk=county["town"].pk)
    town.parent = county["street"]
    town.save()
    v1.name = "东风新村"
    v1.save()
    assert _paths(v1) == [f"{county['street'].path}{town.pk}/{v1.pk}/"]
