"""Where a warning goes (docs/warnings.md): to the village or community where the person lives, found
by the phone in the ledgers (households first, then key persons, then case victims); unmatched, to the
queue of the station the platform named, or the county centre's. Each lookup is one indexed query."""

from datetime import datetime, timedelta
from typing import NamedTuple

from fanzha.cases.models import Case
from fanzha.imports.bulk import rows_by
from fanzha.keypersons.models import KeyPerson
from fanzha.orgs.models import OrgUnit
from fanzha.prevention.models import Household
from fanzha.warnings.models import RiskLevel, RoutedBy

DEADLINE_OPTIONS = {
    RiskLevel.HIGH: "warnings.deadline_high_minutes",
    RiskLevel.MEDIUM: "warnings.deadline_medium_minutes",
    RiskLevel.LOW: "warnings.deadline_low_minutes",
}


class Route(NamedTuple):  # a tuple, cheap to make: an import makes one per warning
    assigned_to_id: int
    station_id: int | None
    routed_by: str
    household_id: int | None = None


def deadline_minutes(level: str, settings: dict) -> int:
    """First contact is due this many minutes after the warning arrived (default 1 h / 4 h / 24 h by
    level)."""
    return int(settings[DEADLINE_OPTIONS[level]])


def deadline_for(level: str, received_at: datetime, settings: dict) -> datetime:
    return received_at + timedelta(minutes=deadline_minutes(level, settings))


class Router:
    """Holds what does not change between warnings (the village → station map, the county root)."""

    def __init__(self):
        self.station_of = dict(OrgUnit.objects.filter(station__isnull=False).values_list("id", "station_id"))
        self.root_id = (
            OrgUnit.objects.filter(parent__isnull=True).order_by("id").values_list("id", flat=True).first()
        )

    def route(self, phone: str, id_number: str, station_id: int | None) -> Route:
        (route,) = route_many(self, [(phone, id_number, station_id)])
        return route


def route_many(router: Router, people: list[tuple[str, str, int | None]]) -> list[Route]:
    """Route a batch of (phone, id number, station id) with one query per ledger (four in all, for one
    warning or a day's file): the household's village, else the key person's, else the latest case's
    place, else the station's queue, else the county's."""
    phones = list({p for p, _, _ in people if p})
    ids = list({i for _, i, _ in people if i})
    household = {}
    for phone, village_id, hid in rows_by(Household, "phone", phones, ("village", "id")):
        household.setdefault(phone, (village_id, hid))
    person_by_id = dict(rows_by(KeyPerson, "id_number", ids, ("village",)))
    person_by_phone = dict(rows_by(KeyPerson, "phone", phones, ("village",)))
    victims = {}
    for phone, place_id, _ in sorted(
        rows_by(Case, "victim_phone", phones, ("place", "reported_at")), key=lambda row: row[2]
    ):
        victims[phone] = place_id  # the latest case wins
    routes = []
    for phone, id_number, station_id in people:
        if phone in household:
            village_id, hid = household[phone]
            routes.append(
                Route(village_id, router.station_of.get(village_id, station_id), RoutedBy.HOUSEHOLD, hid)
            )
            continue
        village_id = person_by_id.get(id_number) or person_by_phone.get(phone)
        if village_id is not None:
            routes.append(
                Route(village_id, router.station_of.get(village_id, station_id), RoutedBy.KEY_PERSON)
            )
        elif phone in victims:
            place = victims[phone]
            routes.append(Route(place, router.station_of.get(place, station_id), RoutedBy.CASE))
        elif station_id is not None:
            routes.append(Route(station_id, station_id, RoutedBy.STATION))
        else:
            routes.append(Route(router.root_id, None, RoutedBy.COUNTY))
    return routes
