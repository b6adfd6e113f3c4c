"""A shared village name in an import row, settled by the same row's 乡镇 or 派出所."""

import pytest

from fanzha.orgs.lookups import PlaceError, PlaceResolver, org_keys
from fanzha.orgs.models import OrgUnit
from tests.county import unit


def places():
    return OrgUnit.objects.filter(kind__in=["village", "community"])


def test_display_names_and_paths_are_keys(county):
    keys, ambiguous = org_keys(places())
    assert keys["青山镇新村"] == county["v2"].pk
    assert keys["河东街道/新村"] == county["c2"].pk
    assert "新村" not in keys and ambiguous["新村"] == "河东街道/新村、青山镇/新村"


def test_town_or_station_settles_a_shared_name(county):
    resolver = PlaceResolver(places())
    assert resolver.resolve("新村", town="青山镇") == county["v2"].pk
    assert resolver.resolve("新村", town="河东街道") == county["c2"].pk
    assert resolver.resolve("新村", station="城关派出所") == county["v2"].pk
    assert resolver.resolve(" 新村 ", station="河东派出所", town="河东街道") == county["c2"].pk
    # unique names, display names and codes resolve without help
    assert resolver.resolve("东风村") == county["v1"].pk
    assert resolver.resolve("河东街道新村", station="城关派出所") == county["c2"].pk
    assert resolver.resolve("361123100201") == county["v2"].pk


def test_what_cannot_be_settled_says_why(county):
    resolver = PlaceResolver(places())
    with pytest.raises(PlaceError, match=r"「新村」有2个（河东街道、青山镇），请填写乡镇或派出所"):
        resolver.resolve("新村")
    with pytest.raises(PlaceError, match=r"没有一个属于乡镇/街道「青山镇」、派出所「河东派出所」"):
        resolver.resolve("新村", town="青山镇", station="河东派出所")
    with pytest.raises(PlaceError, match="没有名为「西山镇」的乡镇/街道"):
        resolver.resolve("新村", town="西山镇")
    with pytest.raises(PlaceError, match="没有名为「南村」的村/社区"):
        resolver.resolve("南村", town="青山镇")


def test_a_station_covering_both_namesakes_does_not_settle_it(county):
    unit("361123100202", "新村", "village", county["street"], station=county["s1"])
    resolver = PlaceResolver(places())
    assert resolver.resolve("新村", town="青山镇", station="城关派出所") == county["v2"].pk
    with pytest.raises(PlaceError, match="派出所「城关派出所」仍不能确定是哪一个"):
        resolver.resolve("新村", station="城关派出所")
