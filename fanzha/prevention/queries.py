"""What other apps read from the outreach ledger (certification, 回访): one query each."""

from django.db.models import Count

from fanzha.prevention.models import Activity, Household, HouseholdVisit


def activities_in_year(org_id: int, year: int) -> int:
    """Activities the unit organised during the year (003 无诈单位 标准3)."""
    return Activity.objects.filter(org_id=org_id, held_on__year=year).count()


def last_visit_to(phone: str = "", village_id: int | None = None, name: str = "", before=None):
    """The latest household visit matching a person: the household's phone, or the head's name within
    the village (回访 pre-fills "did the victim receive outreach?" from it)."""
    households = Household.objects.none()
    if phone:
        households = Household.objects.filter(phone=phone)
    if not households.exists() and name and village_id:
        households = Household.objects.filter(village_id=village_id, head_name=name)
    visits = HouseholdVisit.objects.filter(household__in=households)
    if before is not None:
        visits = visits.filter(visited_on__lte=before)
    return visits.order_by("-visited_on", "-id").first()


def visit_counts(village_ids, first_day, last_day) -> dict[int, int]:
    """village id → visits made in the span."""
    return dict(
        HouseholdVisit.objects.filter(
            village_id__in=village_ids, visited_on__gte=first_day, visited_on__lte=last_day
        )
        .values_list("village_id")
        .annotate(n=Count("id"))
        .order_by()
    )
