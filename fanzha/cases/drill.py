"""Drill-down: the address of the case list showing exactly the cases a figure counts. A ranking's,
a unit page's, the dashboard's and a 通报's 发案数 are the counted cases (`counted=1`: the statuses
the rule parameters exclude, 撤案 by default, left out) of one unit (`queries.unit_filter`) reported
in one period; a breakdown adds its fraud type, channel or victim group."""

from urllib.parse import urlencode

from django.urls import reverse

from fanzha.orgs.choices import PLACE_KINDS, TOWN_KINDS, OrgKind

# the case list's filter for the cases of a unit of each kind (as queries.unit_filter counts them)
UNIT_PARAMS = {
    **{kind: "town" for kind in TOWN_KINDS},
    **{kind: "place" for kind in PLACE_KINDS},
    OrgKind.STATION: "station",
    OrgKind.MEMBER_UNIT: "employer",
}


def unit_params(kind: str, org_id: int, is_root: bool = False) -> dict:
    """The case-list parameters selecting the cases of the unit (none for the county)."""
    if is_root or kind == OrgKind.COUNTY:
        return {}
    return {UNIT_PARAMS[kind]: org_id}


def cases_url(period=None, *, org=None, kind: str | None = None, org_id: int | None = None, **extra) -> str:
    """The case list of the counted cases of a unit (`org`, or `kind` and `org_id`) in `period`,
    narrowed further by `extra` (fraud_type=…, channel=…, victim_group=…)."""
    params: dict = {"counted": "1"}
    if period is not None:
        params["month"] = str(period)
    if org is not None:
        params.update(unit_params(org.kind, org.pk, org.parent_id is None))
    elif kind is not None:
        params.update(unit_params(kind, org_id))
    params.update({key: value for key, value in extra.items() if value is not None})
    return f"{reverse('cases:list')}?{urlencode(params)}"
