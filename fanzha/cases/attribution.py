"""Which units a user may name on a case (归属).

A case counts in the ranking, the 约谈 and the assessment of its station (派出所) and of the victim's
employer (工作单位, a member unit). So a write may only name a unit the user answers for, or one that is
derived, or leave what is stored as it is:

- the station: the place's own station (what it is derived to when left blank), a station in the
  user's subtree (a station officer's own), or the station the case already has;
- the employer: a member unit in the user's subtree (its liaison), any member unit for users holding
  `cases.assign_employer` (the county office and station officers, who take the victim's statement),
  or the employer the case already has.

The form, the API and the import apply these same two rules."""

from fanzha.orgs.scope import covers

STATION_MESSAGE = "派出所只能是发案地所属派出所或您所在的派出所"
EMPLOYER_MESSAGE = "无权将案件计入该工作单位（成员单位）"


def station_allowed(user, station, place, current_station_id: int | None = None) -> bool:
    if station is None or station.pk == current_station_id:
        return True
    if place is not None and place.station_id == station.pk:
        return True
    return covers(user, station)


def may_assign_any_employer(user) -> bool:
    return user.has_perm("cases.assign_employer")


def employer_allowed(user, employer, current_employer_id: int | None = None) -> bool:
    if employer is None or employer.pk == current_employer_id or may_assign_any_employer(user):
        return True
    return covers(user, employer)
