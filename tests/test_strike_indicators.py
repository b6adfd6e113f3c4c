"""The strike side among a unit's indicators (两降两升): the station's 止付冻结 and 打击处理人数 on the
indicators API and the unit page agree with the strike desk's and the clues' own figures."""

from datetime import date

from django.test import Client

from fanzha.accounts.api_tokens import issue_token
from fanzha.clues import services as clue_services
from fanzha.clues.queries import people_handled
from fanzha.core import clock
from fanzha.strike import services
from fanzha.strike.models import Kind, StrikeRequest
from fanzha.strike.queries import figures
from fanzha.strike.tests import factory
from fanzha.strike.tests.factory import T0


def test_a_stations_indicators_carry_its_strike_work(county, users):
    case = factory.case(county)  # 城关派出所 (s1), March 2024
    bank = factory.bank(county)
    liaison = factory.liaison(bank)
    with clock.frozen(T0):
        stop = services.record_request(
            users["station_officer"], case, factory.account(bank), Kind.STOP, "phone", 5_000_000
        )
        services.confirm(liaison, stop, 4_000_000)
        clue = clue_services.receive(
            users["county_admin"],
            clue_services.Incoming(
                kind="phone", value="13911112222", source="省厅", received_on=date(2024, 3, 5)
            ),
        )
        clue_services.assign(users["county_admin"], clue, county["s1"])
        clue_services.record_strike(users["station_officer"], clue, people=2, finding="落地，刑拘2人")

    station = county["s1"]
    api = Client(HTTP_AUTHORIZATION=f"Token {issue_token(users['county_admin'])}")
    strike = api.get(f"/api/indicators/{station.code}/?period=2024-03").json()["strike"]
    (desk,) = figures(
        StrikeRequest.objects.all(), T0.replace(day=1, hour=0), T0.replace(month=4, day=1, hour=0)
    )
    assert strike["requests"] == desk.requests == 1
    assert strike["held_yuan"] == "40,000.00" and desk.held_fen == 4_000_000
    assert strike["people_handled"] == sum(people_handled(date(2024, 3, 1), date(2024, 3, 31)).values()) == 2

    page = Client()
    page.force_login(users["county_admin"])
    html = page.get(f"/assessment/units/{station.code}/?period=2024-03").content.decode()
    assert 'data-testid="people-handled">2<' in html and "40,000.00" in html
    other = api.get(f"/api/indicators/{county['s2'].code}/?period=2024-03").json()["strike"]
    assert (other["requests"], other["people_handled"]) == (0, 0)
