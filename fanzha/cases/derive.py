"""Facts derived from others when a ledger leaves them blank (one place for the UI and imports)."""

from fanzha.cases.choices import VictimGroup
from fanzha.core import idcard
from fanzha.orgs.choices import TOWN_KINDS
from fanzha.orgs.models import OrgUnit

ELDERLY_AGE = 60  # 老年人(60+)


def town_of(place: OrgUnit) -> OrgUnit | None:
    """The town or street (乡镇/街道) above a village or community."""
    for unit in place.ancestors():
        if unit.kind in TOWN_KINDS:
            return unit
    return None


def town_ids() -> dict[int, int]:
    """place id → id of its town/street, for every unit below a town (one query)."""
    towns = dict(OrgUnit.objects.filter(kind__in=TOWN_KINDS).values_list("path", "id"))
    result = {}
    for unit_id, path in OrgUnit.objects.values_list("id", "path"):
        parts = path.strip("/").split("/")
        for depth in range(len(parts) - 1, 0, -1):
            prefix = "/" + "/".join(parts[:depth]) + "/"
            if prefix in towns:
                result[unit_id] = towns[prefix]
                break
    return result


def default_group(age: int | None) -> str:
    """人群类别 left blank for a victim aged 60 or over reads as 老年人(60+)."""
    return VictimGroup.ELDERLY if age is not None and age >= ELDERLY_AGE else ""


def check_born_before_report(id_number: str, reported_at) -> None:
    """A victim cannot be born after the case was reported (the age derived from the ID would be
    negative). Raises ValueError with the Chinese reason."""
    from django.utils import timezone

    if id_number and reported_at and idcard.birth_date(id_number) > timezone.localtime(reported_at).date():
        raise ValueError("身份证号中的出生日期晚于报案时间")
