"""How ledgers name an org unit: by code, by a unique name, or by a path of names (某某镇/某某村).
A name shared by several units is ambiguous: the import says which units it could mean."""

from collections import defaultdict
from dataclasses import dataclass

from fanzha.core.text import normalize
from fanzha.orgs.choices import TOWN_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.naming import qualify


def name_path(unit_names: dict[int, str], path: str, skip_root: bool = True) -> str:
    ids = [int(p) for p in path.strip("/").split("/") if p]
    if skip_root and len(ids) > 1:
        ids = ids[1:]
    return "/".join(unit_names.get(i, "?") for i in ids)


def org_keys(queryset) -> tuple[dict[str, int], dict[str, str]]:
    """(key → id, ambiguous name → '候选1、候选2') over the units of `queryset`.
    Keys: code, name, every suffix of the name path (镇/村, 县/镇/村) and the display name
    (城关镇邵家村, see `naming`)."""
    names = dict(OrgUnit.objects.values_list("id", "name"))
    ids: dict[str, int] = {}
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, code, name, path, kind, parent_id in queryset.values_list(
        "id", "code", "name", "path", "kind", "parent_id"
    ):
        full = name_path(names, path, skip_root=False)
        parts = full.split("/")
        for start in range(len(parts) - 1):
            ids[normalize("/".join(parts[start:]))] = unit_id
        shown = qualify(kind, name, names.get(parent_id))
        if shown != name:
            ids[normalize(shown)] = unit_id
        by_name[normalize(name)].append((unit_id, name_path(names, path)))
        ids[normalize(code)] = unit_id
    ambiguous: dict[str, str] = {}
    for name, units in by_name.items():
        if len(units) == 1:
            ids.setdefault(name, units[0][0])
        else:
            ambiguous[name] = "、".join(sorted(label for _, label in units))
            if ids.get(name) in {u for u, _ in units}:
                del ids[name]
    return ids, ambiguous


class PlaceError(ValueError):
    """A 发案地 the row cannot settle; the message names the candidates and what the row said."""


@dataclass(frozen=True)
class Candidate:
    id: int
    shown: str  # the display name, 城关镇邵家村
    town_id: int | None
    station_id: int | None
    town: str = ""  # the town it lies in, 城关镇


class PlaceResolver:
    """Which village or community a row means when its name is shared (three 「邵家村」): the same
    row's 乡镇/街道 or 派出所 settles it when exactly one of the namesakes lies in that town or is
    covered by that station. Built once per import over the places the import may name; a name that
    is unique, a code or a 镇/村 path resolves as `org_keys` resolves it.

    The case importer calls `resolve(place, town=…, station=…)` with the row's 发案地, 乡镇 and 派出所
    cells as written (empty when the sheet has no such column), for the rows whose 发案地 is among
    `ambiguous` (the rest stay on the vectorised lookup), and reports a `PlaceError` as the row's
    发案地 error."""

    def __init__(self, places, towns=None, stations=None):
        names = dict(OrgUnit.objects.values_list("id", "name"))
        self.keys, self.ambiguous = org_keys(places)
        self.towns, _ = org_keys(towns if towns is not None else OrgUnit.objects.filter(kind__in=TOWN_KINDS))
        self.stations, _ = org_keys(
            stations if stations is not None else OrgUnit.objects.filter(kind=OrgKind.STATION)
        )
        self.namesakes: dict[str, list[Candidate]] = defaultdict(list)
        for unit_id, kind, name, parent_id, station_id in places.values_list(
            "id", "kind", "name", "parent_id", "station_id"
        ):
            parent_name = names.get(parent_id)
            shown = qualify(kind, name, parent_name)
            self.namesakes[normalize(name)].append(
                Candidate(unit_id, shown, parent_id, station_id, names.get(parent_id) or shown)
            )

    def resolve(self, place: str, town: str = "", station: str = "") -> int:
        key = normalize(place)
        if not key:
            raise PlaceError("发案地为空")
        if key in self.keys:
            return self.keys[key]
        candidates = self.namesakes.get(key, [])
        if not candidates:
            raise PlaceError(f"没有名为「{place}」的村/社区")
        town_id = self._id(self.towns, town, "乡镇/街道")
        station_id = self._id(self.stations, station, "派出所")
        narrowed = [
            c
            for c in candidates
            if (town_id is None or c.town_id == town_id)
            and (station_id is None or c.station_id == station_id)
        ]
        if len(narrowed) == 1:
            return narrowed[0].id
        shown = "、".join(sorted(c.shown for c in candidates))
        said = "、".join(
            f"{label}「{text}」"
            for label, text in (("乡镇/街道", town), ("派出所", station))
            if normalize(text)
        )
        if not said:
            towns = "、".join(sorted(c.town for c in candidates))
            raise PlaceError(f"「{place}」有{len(candidates)}个（{towns}），请填写乡镇或派出所")
        if not narrowed:
            raise PlaceError(f"「{place}」有{len(candidates)}个同名村/社区（{shown}），没有一个属于{said}")
        raise PlaceError(f"「{place}」有{len(candidates)}个同名村/社区（{shown}），{said}仍不能确定是哪一个")

    @staticmethod
    def _id(keys: dict[str, int], text: str, label: str) -> int | None:
        key = normalize(text)
        if not key:
            return None
        if key not in keys:
            raise PlaceError(f"没有名为「{text}」的{label}")
        return keys[key]
