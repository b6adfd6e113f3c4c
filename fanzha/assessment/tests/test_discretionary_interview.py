"""约谈一把手 at the office's discretion: a 督办事项 like the rules' 约谈, citing the 通报 that named the unit,
shown on 督办事项 and the unit's page (the monthly 通报: reports/tests/test_supervision_lists.py)."""

from datetime import date

import pytest

from fanzha.assessment.models import Notice, Outcome
from fanzha.assessment.services import EntryError, act_on_outcome, record_interview
from fanzha.audit.models import ObjectChange

pytestmark = pytest.mark.django_db


def criticism(org, day="2026-03-05", reason="辖区3月发案居全县前列"):
    return Notice.objects.create(
        org=org, kind="criticism", period=day[:7], issued_on=date.fromisoformat(day), reason=reason
    )


def test_an_interview_is_an_outcome_citing_the_notice_and_audited(county, users):
    notice = criticism(county["c1"])
    outcome = record_interview(
        users["county_admin"], county["c1"], notice, date(2026, 3, 10), "防范宣传不到位"
    )
    assert (outcome.kind, outcome.period, outcome.notice, outcome.status) == (
        "interview_head",
        "2026-03",
        notice,
        "open",
    )
    assert "通报批评（2026-03-05）" in outcome.reason and "防范宣传不到位" in outcome.reason
    assert ObjectChange.objects.filter(model="assessment.outcome", object_id=str(outcome.pk)).exists()
    act_on_outcome(users["county_admin"], outcome, "acknowledged", "")  # worked like a rule's 约谈


def test_refusals_name_the_reason(county, users):
    office = users["county_admin"]
    notice = criticism(county["c1"])
    with pytest.raises(EntryError, match="成员单位和村"):
        record_interview(office, county["s1"], criticism(county["s1"]), date(2026, 3, 10), "x")
    with pytest.raises(EntryError, match="不是对「河东街道滨江社区」的通报"):
        record_interview(office, county["c1"], criticism(county["school"]), date(2026, 3, 10), "x")
    with pytest.raises(EntryError, match="约谈事由"):
        record_interview(office, county["c1"], notice, date(2026, 3, 10), " ")
    record_interview(office, county["c1"], notice, date(2026, 3, 10), "第一次")
    with pytest.raises(EntryError, match="2026年3月已记录"):
        record_interview(office, county["c1"], notice, date(2026, 3, 20), "第二次")


def test_from_the_page_shown_on_the_list_and_the_unit_page(county, client_for):
    notice = criticism(county["school"])
    office = client_for("county_admin")
    page = office.get(f"/assessment/outcomes/?notice={notice.pk}").content.decode()
    assert 'data-testid="interview-form"' in page and f'value="{notice.pk}" selected' in page
    response = office.post(
        "/assessment/outcomes/interview/", {"notice": notice.pk, "on": "2026-03-12", "reason": "职工连续受骗"}
    )
    outcome = Outcome.objects.get(kind="interview_head")
    assert response.status_code == 302 and outcome.org == county["school"]
    assert "约谈一把手" in office.get("/assessment/outcomes/").content.decode()
    assert "职工连续受骗" in office.get(f"/assessment/outcomes/{outcome.pk}/").content.decode()
    unit = office.get(f"/assessment/units/{county['school'].code}/?period=2026-03").content.decode()
    assert 'data-testid="unit-outcomes"' in unit and "约谈一把手" in unit
    bad = office.post(
        "/assessment/outcomes/interview/", {"notice": notice.pk, "on": "12/03", "reason": "x"}, follow=True
    )
    assert "「约谈日期」请按 2024-03-05 的格式填写" in bad.content.decode()
    assert client_for("station_officer").post("/assessment/outcomes/interview/", {}).status_code == 403


def test_from_the_api(county, client_for):
    notice = criticism(county["v1"])
    office = client_for("county_admin")
    made = office.post(
        "/api/escalations/interview/",
        {"notice": notice.pk, "on": "2026-03-12", "reason": "网格宣传不到位"},
        content_type="application/json",
    )
    assert (
        made.status_code == 201
        and made.json()["kind"] == "interview_head"
        and made.json()["notice"] == notice.pk
    )
    again = office.post(
        "/api/escalations/interview/",
        {"notice": notice.pk, "on": "2026-03-13", "reason": "再次"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "已记录约谈一把手" in again.json()["detail"]
    foreign = criticism(county["c1"])
    town = client_for("town_staff")  # 青山镇 does not see 滨江社区's notice; and may not record anyway
    assert (
        town.post(
            "/api/escalations/interview/",
            {"notice": foreign.pk, "on": "2026-03-12", "reason": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_a_ranking_notice_that_names_its_bulletin_is_not_cited_twice(county, users):
    notice = Notice.objects.create(
        org=county["v1"],
        kind="ranking",
        period="2026-11",
        issued_on=date(2026, 12, 2),
        reason="2026年11月村(社区)发案数排名第1（6起），见〔2026〕第3期通报",
        ranking="village",
        position=1,
        document="〔2026〕第3期",
    )
    outcome = record_interview(users["county_admin"], county["v1"], notice, date(2026, 12, 3), "防范意识薄弱")
    assert outcome.reason == (
        "2026年11月村(社区)发案数排名第1（6起），见〔2026〕第3期通报；2026年12月3日约谈一把手：防范意识薄弱"
    )
