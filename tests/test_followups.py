"""回访 and 一案双查: the sample, the pre-fill from the visit ledger, the 倒查 and its resolution."""

from datetime import date

import pytest

from fanzha.assessment.models import Notice
from fanzha.cases.tests.builders import add_cases
from fanzha.core.periods import Period
from fanzha.prevention.models import Household, HouseholdVisit
from fanzha.prevention.visits import save_visit
from fanzha.warnings import followups
from fanzha.warnings.models import AccountabilityReview, FollowUp


@pytest.mark.parametrize(
    ("cases", "pct", "size"), [(0, 10, 0), (3, 10, 1), (25, 10, 3), (24, 10, 2), (40, 5, 2)]
)
def test_sample_size_rounds_half_up_with_at_least_one(cases, pct, size):
    assert followups.sample_size(cases, pct) == size


def test_draw_is_reproducible_and_adds_nothing_when_rerun(county):
    add_cases(county["v1"], "2024-03-05", count=30)
    period = Period.parse("2024-03")
    first = {f.case_id for f in followups.draw_sample(period, 10)}
    assert len(first) == 3
    assert followups.draw_sample(period, 10) == []
    FollowUp.objects.all().delete()
    assert {f.case_id for f in followups.draw_sample(period, 10)} == first


def test_prefill_from_the_household_visit(county, users):
    household = Household.objects.create(village=county["v1"], address="1组1号", phone="13811112222")
    save_visit(
        users["grid_worker"],
        HouseholdVisit(
            household=household,
            visited_on=date(2024, 2, 1),
            visitor="张三",
            face_to_face=True,
            card_issued=True,
        ),
    )
    add_cases(county["v1"], "2024-03-05", victim_phone="13811112222")
    (follow_up,) = followups.draw_sample(Period.parse("2024-03"), 100)
    assert follow_up.visit is not None
    assert followups.suggested_forms(follow_up) == ["visit", "card"]


def test_no_outreach_opens_reviews_for_territory_and_employer_and_resolves_into_notices(county, users):
    add_cases(county["v1"], "2024-03-05", employer=county["school"], employer_relation="staff")
    (follow_up,) = followups.draw_sample(Period.parse("2024-03"), 100)
    reviews = followups.record(users["county_admin"], follow_up, "no", [], "本人称从未接到宣传")
    assert {(r.org, r.basis) for r in reviews} == {
        (county["v1"], "territory"),
        (county["school"], "employer"),
    }
    with pytest.raises(followups.FollowUpError, match="处理意见"):
        followups.resolve(users["county_admin"], reviews[0], "interview", " ")
    followups.resolve(users["county_admin"], reviews[0], "interview", "约谈村支书")
    followups.resolve(users["county_admin"], reviews[1], "no_fault", "已开展宣传，有签名回执")
    notice = Notice.objects.get()
    assert (notice.org, notice.kind) == (county["v1"], "interview")
    assert AccountabilityReview.objects.filter(resolved_at__isnull=False).count() == 2


def test_received_outreach_needs_a_form_and_opens_no_review(county, users):
    add_cases(county["v1"], "2024-03-05")
    (follow_up,) = followups.draw_sample(Period.parse("2024-03"), 100)
    with pytest.raises(followups.FollowUpError):
        followups.record(users["county_admin"], follow_up, "yes", [])
    assert followups.record(users["county_admin"], follow_up, "yes", ["sms"]) == []


def test_the_station_sees_reviews_of_the_villages_it_covers(county, users):
    add_cases(county["v1"], "2024-03-05")
    (follow_up,) = followups.draw_sample(Period.parse("2024-03"), 100)
    followups.record(users["county_admin"], follow_up, "no", [])
    assert AccountabilityReview.objects.visible_to(users["station_officer"]).count() == 1
    assert AccountabilityReview.objects.visible_to(users["other_grid_worker"]).count() == 0
