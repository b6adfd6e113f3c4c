"""docs/assessment.md, B1–B11: Part B of the 百分制, with the unspecified cases pinned to the default and
tested under each reading."""

from decimal import Decimal

import pytest

from fanzha.assessment.scoring import case_trend_points, largest_decline

D = Decimal


@pytest.mark.parametrize(
    ("case", "last", "now", "points"),
    [
        ("B1", 20, 20, 45),
        ("B2", 20, 21, 40),
        ("B3", 10, 11, 35),
        ("B4", 100, 119, 26),
        ("B5", 20, 24, 0),
        ("B6", 20, 30, 0),
        ("B11", 100, 101, 44),
    ],
)
def test_stated_cases(case, last, now, points):
    assert case_trend_points(last, now, None).points == D(points), case


def test_b7_largest_decline_scores_fifty():
    largest = largest_decline([(20, 10), (20, 15)])
    assert largest == D(50)
    assert case_trend_points(20, 10, largest).points == D(50)


def test_b8_other_declines_default_linear_and_configurable():
    assert case_trend_points(20, 15, D(50)).points == D("47.5")
    assert case_trend_points(20, 15, D(50), decline="flat").points == D(45)


@pytest.mark.parametrize(("reading", "points"), [("0.1", "39.5"), ("whole", "40"), ("started", "39")])
def test_b9_fractional_points_each_reading(reading, points):
    assert case_trend_points(200, 211, None, rise_rounding=reading).points == D(points)


def test_b10_zero_base():
    still_zero = case_trend_points(0, 0, None)
    assert still_zero.points == D(45) and not still_zero.needs_review
    risen = case_trend_points(0, 3, None)
    assert risen.points == D(0) and risen.needs_review
    assert not case_trend_points(0, 3, None, zero_base="rise").needs_review


def test_b11_flat_band():
    assert case_trend_points(100, 101, None, flat_band_pct=D(1)).points == D(45)


def test_exactly_twenty_per_cent_scores_nothing_and_just_under_does():
    assert case_trend_points(1000, 1200, None).points == D(0)
    assert case_trend_points(1000, 1199, None).points == D("25.1")


def test_total_is_capped_per_part_and_at_one_hundred(stations):
    """Part A items entered above their maxima still give at most 40; the whole at most 100."""
    import json
    from io import StringIO

    from django.core.management import call_command

    from fanzha.assessment.models import ItemScore, SchemeItem
    from fanzha.cases.tests.builders import add_cases, unit

    school = unit("900X01", "测试学校", "member_unit", stations["root"], sector="学校")
    add_cases(stations["vA"], "2023-05-01", 10, employer=school)
    add_cases(stations["vA"], "2024-05-01", 5, employer=school)
    for item in SchemeItem.objects.filter(part__scheme__code="004"):
        ItemScore.objects.create(
            item=item, year=2024, org=school, points=item.max_points + 5, evidence="台账"
        )
    out = StringIO()
    call_command("assess", "--year", "2024", "--scheme", "004", "--format", "json", stdout=out)
    result = next(r for r in json.loads(out.getvalue()) if r["code"] == "900X01")
    points = {p["code"]: D(p["points"]) for p in result["parts"]}
    assert points == {"A": D(40), "B": D(50), "C": D(10)}
    assert D(result["total"]) == D(100)
    part_b = next(p for p in result["parts"] if p["code"] == "B")["inputs"]
    assert (part_b["cases_last_year"], part_b["cases"], part_b["change_pct"]) == (10, 5, "-50.0")
    town = next(r for r in json.loads(out.getvalue()) if r["code"] == "900100")
    assert town["subject"] == "办事处"
    assert next(p for p in town["parts"] if p["code"] == "A")["inputs"]["pending"] == 3


def _part_c(school, c1, c2):
    from fanzha.assessment.assess import assess, latest_scheme
    from fanzha.assessment.models import SchemeItem
    from fanzha.assessment.services import enter_item_score

    scheme = latest_scheme("004")
    items = {i.code: i for i in SchemeItem.objects.filter(part__scheme=scheme)}
    enter_item_score(None, items["C1"], school, 2024, c1, "六进宣传台账")
    enter_item_score(None, items["C2"], school, 2024, c2, "辖区两卡情况")
    result = next(r for r in assess(2024, scheme) if r["code"] == school.code)
    return next(p for p in result["parts"] if p["code"] == "C")


@pytest.mark.parametrize(
    ("case", "c1", "c2", "points"),
    [("C1", "2", "3", "5.0"), ("C2", "0", "0", "0"), ("C3", "2", "1.5", "3.5")],
)
def test_part_c_stated_items(county, case, c1, c2, points):
    """C1: 六进 done, no 两卡 problem → 5 of the stated points (C3's 5 await the assessor);
    C2: neither → 0; C3: a problem without bad effects is the assessor's call (here 1.5 of 3)."""
    part = _part_c(county["school"], c1, c2)
    assert D(part["points"]) == D(points), case
    assert part["inputs"]["pending"] == 1


def test_c1_is_all_or_nothing(county):
    from fanzha.assessment.services import EntryError

    with pytest.raises(EntryError, match="只能得 0 分或 2 分"):
        _part_c(county["school"], "1", "3")


def test_part_b_shows_its_arithmetic():
    assert case_trend_points(20, 15, D(50)).arithmetic == "45 + 5 × 25 ÷ 50 = 47.5"
    assert case_trend_points(1000, 868, D("26.4")).arithmetic == "45 + 5 × 13.2 ÷ 26.4 = 47.5"
    assert case_trend_points(200, 211, None).arithmetic == "45 − 5.5 = 39.5"
    assert case_trend_points(200, 211, None, rise_rounding="started").arithmetic == "45 − ⌈5.5⌉ = 39"
    assert case_trend_points(1000, 1200, None).arithmetic == "上升20.0% ≥ 20% = 0"
    assert case_trend_points(20, 10, D(50)).arithmetic == "降幅最高 = 50"
    assert case_trend_points(10, 10, None).arithmetic == "平稳 = 45"
    # the inputs as shown, rounded, may not give the points exactly: then ≈, never a false =
    assert case_trend_points(2, 1, D("66.66666")).arithmetic == "45 + 5 × 50 ÷ 66.7 ≈ 48.8"
