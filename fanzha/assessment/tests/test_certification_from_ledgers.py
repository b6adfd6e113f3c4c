"""The key-person, den and outreach ledgers feed 无诈 criteria 3–4 (village) and 2–3 (unit)."""

from datetime import date

from fanzha.assessment.certification import evaluate
from fanzha.assessment.models.certification import SubjectKind
from fanzha.keypersons.models import Den, KeyPerson
from fanzha.prevention.models import Activity, ActivityKind


def _criterion(result, criterion_id):
    return next(c for c in result["criteria"] if c["id"] == criterion_id)


def person(village, category="offender", **fields):
    defaults = {
        "name": "赵六",
        "id_number": f"1101051949123100{KeyPerson.objects.count():02d}",
        "registered_on": date(2024, 1, 5),
    }
    return KeyPerson.objects.create(village=village, category=category, **(defaults | fields))


def test_village_criterion_3_reads_the_registry(county):
    v1 = county["v1"]
    assert _criterion(evaluate(SubjectKind.VILLAGE, v1, 2024), "no_offenders")["passed"] is True
    person(v1, "suspect")  # a suspect is not among the persons 003 names
    assert _criterion(evaluate(SubjectKind.VILLAGE, v1, 2024), "no_offenders")["passed"] is True
    person(v1, "stranded", residence="temporary")
    verdict = _criterion(evaluate(SubjectKind.VILLAGE, v1, 2024), "no_offenders")
    assert verdict["passed"] is False and "滞留缅北" in verdict["reason"] and verdict["source"] == "computed"


def test_a_person_released_before_the_year_does_not_count(county):
    person(county["v1"], registered_on=date(2022, 1, 1), released_on=date(2023, 6, 1))
    assert _criterion(evaluate(SubjectKind.VILLAGE, county["v1"], 2024), "no_offenders")["passed"] is True


def test_village_criterion_4_reads_dens_of_the_year(county):
    Den.objects.create(village=county["v1"], address="某出租屋", found_on=date(2023, 5, 1))
    assert _criterion(evaluate(SubjectKind.VILLAGE, county["v1"], 2024), "no_den")["passed"] is True
    Den.objects.create(village=county["v1"], address="某厂房", found_on=date(2024, 5, 1))
    assert _criterion(evaluate(SubjectKind.VILLAGE, county["v1"], 2024), "no_den")["passed"] is False


def test_unit_criteria_2_and_3(county):
    school = county["school"]
    result = evaluate(SubjectKind.UNIT, school, 2024)
    assert _criterion(result, "no_offenders")["passed"] is True
    assert _criterion(result, "outreach_done")["source"] == "pending"  # no activity: the assessor decides
    Activity.objects.create(
        kind=ActivityKind.objects.get(name="进校园"), org=school, held_on=date(2024, 4, 1)
    )
    person(county["v1"], "two_cards", employer=school, staff_relation="family")
    result = evaluate(SubjectKind.UNIT, school, 2024)
    assert _criterion(result, "outreach_done")["passed"] is True
    assert _criterion(result, "no_offenders")["passed"] is False


def test_a_den_found_opens_a_full_chain_review_once(county):
    from fanzha.assessment.escalations import run_escalations
    from fanzha.assessment.models import Outcome
    from fanzha.core.periods import Period

    Den.objects.create(village=county["v1"], address="某出租屋", found_on=date(2024, 5, 3))
    Den.objects.create(village=county["v1"], address="某厂房", found_on=date(2024, 5, 20))
    Den.objects.create(village=county["c1"], address="某民房", found_on=date(2024, 7, 1))
    run_escalations(Period.parse("2024-06"))
    review = Outcome.objects.get(kind="den_review")
    assert (review.org, review.period) == (county["v1"], "2024-05") and "窝点2处" in review.reason
    run_escalations(Period.parse("2024-07"))
    assert Outcome.objects.filter(kind="den_review").count() == 2
