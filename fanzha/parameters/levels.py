"""The levels a ranking compares (派出所, 乡镇/街道, 村/社区, 成员单位) and how a case is attributed
to a unit at each level: by the station that handled it, the town and place where it happened, or
the victim's employer (a member unit's staff and their families, 003)."""

from dataclasses import dataclass

from fanzha.orgs.choices import PLACE_KINDS, TOWN_KINDS, OrgKind


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    case_field: str  # the Case foreign key that attributes a case to a unit of this level
    kinds: tuple[str, ...]


LEVELS = {
    level.key: level
    for level in (
        Level("station", "派出所", "station_id", (OrgKind.STATION,)),
        Level("town", "乡镇/街道", "town_id", tuple(TOWN_KINDS)),
        Level("village", "村/社区", "place_id", tuple(PLACE_KINDS)),
        Level("unit", "成员单位", "employer_id", (OrgKind.MEMBER_UNIT,)),
    )
}


class LevelError(ValueError):
    pass


def get_level(key: str) -> Level:
    try:
        return LEVELS[key]
    except KeyError:
        names = "、".join(f"{k}（{v.label}）" for k, v in LEVELS.items())
        raise LevelError(f"无法识别的层级「{key}」：可选 {names}") from None
