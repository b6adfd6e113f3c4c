"""What the 无诈 certification asks of this ledger: one query each, read by assessment/certification.py."""

from datetime import date

from django.db.models import Q

from fanzha.keypersons.models import CERTIFICATION_CATEGORIES, Den, KeyPerson


def listed_during(year: int):
    """Persons on the registry at some point of the year: registered by its end and not released before
    it began."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return KeyPerson.objects.filter(registered_on__lte=end).filter(
        Q(released_on__isnull=True) | Q(released_on__gte=start)
    )


def residents_of_concern(village_id: int, year: int) -> list[KeyPerson]:
    """003 无诈村 标准3: 「常住及暂住人口中没有电信网络诈骗违法犯罪人员」「滞留缅北涉诈高危人员、拦截人员」."""
    return list(listed_during(year).filter(village_id=village_id, category__in=CERTIFICATION_CATEGORIES))


def staff_of_concern(unit_id: int, year: int) -> list[KeyPerson]:
    """003 无诈单位 标准2: 「单位工作人员及其家属没有电信网络诈骗违法犯罪人员」 (and none stranded or intercepted)."""
    return list(
        listed_during(year).filter(
            employer_id=unit_id, staff_relation__in=("staff", "family"), category__in=CERTIFICATION_CATEGORIES
        )
    )


def dens_between(first: date, last: date) -> list[Den]:
    """Dens found in the span, with their village (each opens a 全环节倒查, assessment/escalations.py)."""
    return list(
        Den.objects.filter(found_on__gte=first, found_on__lte=last)
        .select_related("village")
        .order_by("found_on")
    )


def dens_found(village_id: int, year: int) -> list[Den]:
    """003 无诈村 标准4: 「没有电信网络诈骗违法犯罪窝点」 — a den found in the village during the year."""
    return list(Den.objects.filter(village_id=village_id, found_on__year=year))


def persons_with_phones(phones) -> list[tuple[str, int, int, int | None, date]]:
    """(phone, person id, village id, the village's station id, registered on) of every key person
    with one of the phones, in one query (the clue desk matches pushed clues with it)."""
    phones = [p for p in set(phones) if p]
    if not phones:
        return []
    return list(
        KeyPerson.objects.filter(phone__in=phones)
        .values_list("phone", "id", "village_id", "village__station_id", "registered_on")
        .order_by()
    )


def visible_persons(user, ids) -> dict[int, str]:
    """{person id: name} of those of the key persons the user may see (others are absent)."""
    return dict(KeyPerson.objects.visible_to(user).filter(pk__in=list(ids)).values_list("pk", "name"))
