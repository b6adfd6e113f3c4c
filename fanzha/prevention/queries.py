"""What other apps read from the outreach ledger (certification, 回访), each in a fixed number of queries."""

from collections import defaultdict
from datetime import date

from fanzha.prevention.models import Activity, Duty, Household, HouseholdVisit
from fanzha.prevention.models.duties import DutyStatus


def activities_in_year(org_id: int, year: int) -> int:
    """Activities the unit organised during the year (003 无诈单位 标准3)."""
    return Activity.objects.filter(org_id=org_id, held_on__year=year).count()


def last_visits(people: list[tuple[str, int | None, str, date]]) -> list[HouseholdVisit | None]:
    """For each (phone, village id, name, day): the latest visit, on or before the day, to the household
    with that phone, or else to the household the person heads in that village (回访 pre-fills "did the
    victim receive outreach?" from it). Three queries for the whole list."""
    phones = {phone for phone, _, _, _ in people if phone}
    heads = {(village, name) for _, village, name, _ in people if village and name}
    by_phone: dict[str, list[int]] = defaultdict(list)
    for pk, phone in Household.objects.filter(phone__in=phones).values_list("id", "phone"):
        by_phone[phone].append(pk)
    by_head: dict[tuple, list[int]] = defaultdict(list)
    if heads:
        for pk, village, name in Household.objects.filter(
            village_id__in={v for v, _ in heads}, head_name__in={n for _, n in heads}
        ).values_list("id", "village_id", "head_name"):
            by_head[(village, name)].append(pk)
    wanted = {pk for pks in (*by_phone.values(), *by_head.values()) for pk in pks}
    visits: dict[int, list[HouseholdVisit]] = defaultdict(list)
    for visit in HouseholdVisit.objects.filter(household_id__in=wanted).order_by("-visited_on", "-id"):
        visits[visit.household_id].append(visit)
    found = []
    for phone, village, name, day in people:
        households = by_phone.get(phone) or by_head.get((village, name)) or []
        candidates = [v for pk in households for v in visits[pk] if v.visited_on <= day]
        found.append(max(candidates, key=lambda v: (v.visited_on, v.id)) if candidates else None)
    return found


def households_with_phones(phones) -> list[tuple[str, int, int, int | None]]:
    """(phone, household id, village id, the village's station id) of every household with one of the
    phones, in one query (the clue desk matches pushed clues with it)."""
    phones = [p for p in set(phones) if p]
    if not phones:
        return []
    return list(
        Household.objects.filter(phone__in=phones)
        .values_list("phone", "id", "village_id", "village__station_id")
        .order_by()
    )


def visible_households(user, ids) -> dict[int, str]:
    """{household id: "户主 住址"} of those of the households the user may see (others are absent)."""
    rows = (
        Household.objects.visible_to(user).filter(pk__in=list(ids)).values_list("pk", "head_name", "address")
    )
    return {pk: f"{head} {address}".strip() for pk, head, address in rows}


def open_duties(user, today: date) -> dict:
    """成员单位任务 not yet accepted, in the reader's scope (a liaison: their unit's): the overdue ones
    (deadline before today) and the rest, each nearest deadline first, with how many await review."""
    pending = list(
        Duty.objects.visible_to(user)
        .exclude(status=DutyStatus.ACCEPTED)
        .filter(year__gte=today.year - 1)
        .select_related("org")
        .order_by("deadline", "id")
    )
    for duty in pending:
        duty.days_late = (today - duty.deadline).days  # how the home page says it: 逾期 N 天
    return {
        "overdue": [d for d in pending if d.deadline < today and d.status != DutyStatus.SUBMITTED],
        "open": [d for d in pending if d.deadline >= today and d.status != DutyStatus.SUBMITTED],
        "submitted": [d for d in pending if d.status == DutyStatus.SUBMITTED],
    }
