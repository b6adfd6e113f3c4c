"""docs/certification.md, W1–W8 and U1–U7: the 003 standards on a real ledger."""

from datetime import date

import pytest

from fanzha.assessment.certification import evaluate, run_certification, village_trend
from fanzha.assessment.models import Certificate, Notice
from fanzha.assessment.models.certification import CertificateStatus
from fanzha.assessment.services import enter_criterion
from fanzha.cases.tests.builders import add_cases, unit
from fanzha.parameters import config

ASSESSED = {"village": ("duties_performed",), "unit": ("outreach_done",)}


def _passing_inputs(kind, org, year=2024, **overrides):
    for criterion in ASSESSED[kind]:
        passed = overrides.get(criterion, True)
        enter_criterion(None, kind, org, year, criterion, passed, "入户核查记录" if passed else "发现问题")


def _village(stations, year=2024, **overrides):
    village = stations["vA"]
    _passing_inputs("village", village, year, **overrides)
    return evaluate("village", village, year)


def _criterion(result, criterion_id):
    return next(c for c in result["criteria"] if c["id"] == criterion_id)


def test_w1_no_case_certified(stations):
    result = _village(stations)
    assert result["certified"] and _criterion(result, "case_trend")["reason"] == "全年无案件"


def test_w2_half_year_decline_of_fifty_per_cent_first_year(stations):
    add_cases(stations["vA"], "2024-03-01", 10, loss_yuan=80000)
    add_cases(stations["vA"], "2024-09-01", 5)
    assert _village(stations)["certified"]


def test_w3_forty_per_cent_is_not_enough(stations):
    add_cases(stations["vA"], "2024-03-01", 10)
    add_cases(stations["vA"], "2024-09-01", 6)
    result = _village(stations)
    assert not result["certified"] and _criterion(result, "case_trend")["passed"] is False


def test_w4_after_the_first_year_the_annual_clause(stations):
    config.change("certify.creation_year", 2023)
    add_cases(stations["vA"], "2023-03-01", 8)
    add_cases(stations["vA"], "2024-09-01", 4)  # H1 0 → H2 4 would fail the half-year test
    assert _criterion(_village(stations), "case_trend")["passed"] is True


def test_w5_one_case_of_exactly_half_a_million(stations):
    add_cases(stations["vA"], "2024-03-01", 9)
    add_cases(stations["vA"], "2024-09-01", 3)
    add_cases(stations["vA"], "2024-10-01", 1, loss_yuan=500_000)
    result = _village(stations)
    assert _criterion(result, "case_trend")["passed"] is True
    assert _criterion(result, "no_major_case")["passed"] is False and not result["certified"]


def test_w6_w7_a_stranded_resident_or_a_den_in_the_ledgers(stations):
    from fanzha.keypersons.models import Den, KeyPerson

    assert _village(stations)["certified"]
    den = Den.objects.create(village=stations["vA"], address="出租屋", found_on=date(2024, 4, 1))
    assert not _village(stations)["certified"]
    den.delete()
    KeyPerson.objects.create(
        name="赵六",
        id_number="11010519491231002X",
        category="stranded",
        village=stations["vA"],
        registered_on=date(2024, 2, 1),
    )
    assert not _village(stations)["certified"]


def test_criteria_not_yet_judged_hold_the_certificate(stations):
    result = evaluate("village", stations["vB"], 2024)
    assert not result["certified"] and set(result["pending"]) == set(ASSESSED["village"])


@pytest.mark.parametrize(
    ("reading", "expected"), [("year_dependent", True), ("either", True), ("both", False)]
)
def test_w8_half_year_yes_annual_only_minus_twenty(reading, expected):
    # H1 10, H2 5; last year 19 → this year 15 (−21 %); first creation year
    assert village_trend(10, 5, 19, first_year=True, reading=reading).passed is expected


def test_a_rise_from_nothing_fails(stations):
    assert village_trend(0, 3, 0, first_year=True).passed is False


@pytest.fixture
def office(stations):
    return unit(
        "900D01", "测试局", "member_unit", stations["root"], sector="机关部门", has_service_duties=True
    )


def _unit_result(office):
    _passing_inputs("unit", office)
    return evaluate("unit", office, 2024)


def test_u1_clean_unit_certified(office):
    assert _unit_result(office)["certified"]


@pytest.mark.parametrize("relation", ["contract", "spouse", ""])
def test_u2_u3_contract_staff_or_spouse_defrauded(stations, office, relation):
    add_cases(stations["vA"], "2024-05-01", 1, loss_yuan=2000, employer=office, employer_relation=relation)
    assert not _unit_result(office)["certified"]


def test_u4_a_sibling_is_not_family(stations, office):
    add_cases(stations["vA"], "2024-05-01", 1, employer=office, employer_relation="relative")
    assert _unit_result(office)["certified"]


def test_u5_u6_sanctions_count_only_for_units_with_service_duties(office):
    Notice.objects.create(
        org=office,
        kind="rectification_order",
        period="2024",
        issued_on=date(2024, 8, 1),
        by_creation_group=True,
        reason="未履职",
    )
    result = _unit_result(office)
    assert not result["certified"] and "责令整改" in _criterion(result, "no_sanction")["reason"]
    office.has_service_duties = False
    office.save()
    result = _unit_result(office)
    assert result["certified"] and _criterion(result, "no_sanction")["reason"].endswith("本项不适用")


def test_u7_a_halving_does_not_help_a_unit(stations, office):
    add_cases(stations["vA"], "2023-05-01", 2, employer=office)
    add_cases(stations["vA"], "2024-05-01", 1, employer=office)
    assert not _unit_result(office)["certified"]


def test_a_case_after_publication_flags_the_certificate(stations):
    _passing_inputs("village", stations["vA"])
    run_certification("village", 2024)
    Certificate.objects.filter(org=stations["vA"]).update(status=CertificateStatus.PUBLISHED)
    add_cases(stations["vA"], "2024-12-01", 1, loss_yuan=600_000)
    run_certification("village", 2024)
    certificate = Certificate.objects.get(org=stations["vA"], year=2024)
    assert certificate.status == CertificateStatus.REVOCATION_FLAGGED
    assert "60.00万元" in certificate.flag_reason


def test_the_monthly_rules_flag_a_published_certificate_without_a_new_run(stations):
    from fanzha.assessment.escalations import run_escalations
    from fanzha.core.periods import Period

    _passing_inputs("village", stations["vA"])
    run_certification("village", 2024)
    Certificate.objects.filter(org=stations["vA"]).update(status=CertificateStatus.PUBLISHED)
    add_cases(stations["vA"], "2024-12-01", 1, loss_yuan=700_000)
    run_escalations(Period.parse("2024-12"))
    assert (
        Certificate.objects.get(org=stations["vA"], year=2024).status == CertificateStatus.REVOCATION_FLAGGED
    )


def test_only_assessor_criteria_take_a_judgement(stations):
    from fanzha.assessment.services import EntryError

    with pytest.raises(EntryError, match="不是需要考核人评定的标准"):
        enter_criterion(None, "village", stations["vA"], 2024, "no_major_case", True, "想跳过")
