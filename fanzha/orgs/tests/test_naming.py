"""One name per unit, wherever it is shown: a village or community with its town before it."""

from fanzha.orgs.models import OrgUnit
from fanzha.orgs.naming import qualify


def test_places_carry_their_town_and_the_rest_their_own_name(county):
    assert county["v2"].display_name == "青山镇新村"
    assert county["c2"].display_name == "河东街道新村"
    assert county["c1"].display_name == "河东街道滨江社区"
    assert str(county["v2"]) == "青山镇新村"
    for key, name in (("town", "青山镇"), ("s1", "城关派出所"), ("school", "县第一中学"), ("root", "示范县")):
        assert county[key].display_name == name


def test_the_bulk_names_are_the_same_as_one_by_one(county):
    shown = OrgUnit.display_names()
    for unit in OrgUnit.objects.select_related("parent"):
        assert shown[unit.pk] == unit.display_name
    assert OrgUnit.display_names([county["v2"].pk]) == {county["v2"].pk: "青山镇新村"}


def test_a_renamed_town_renames_its_villages(county):
    town = county["town"]
    town.name = "青山乡"
    town.save()
    assert OrgUnit.objects.select_related("parent").get(pk=county["v1"].pk).display_name == "青山乡东风村"
    assert OrgUnit.display_names([county["v1"].pk])[county["v1"].pk] == "青山乡东风村"


def test_qualify():
    assert qualify("village", "邵家村", "城关镇") == "城关镇邵家村"
    assert qualify("community", "春晖社区", "城东街道") == "城东街道春晖社区"
    assert qualify("village", "邵家村", None) == "邵家村"
    assert qualify("station", "城东派出所", "某县") == "城东派出所"
