"""反诈宣传队 rosters: imported or entered, they feed the station team quota (000 「派出所要組建不少于10人的
主力反詐宣傳隊」), which before could only be fed through the admin."""

from fanzha.core.periods import Period
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.imports.tests.files import write_csv
from fanzha.parameters import config
from fanzha.prevention.coverage import coverage
from fanzha.prevention.models import PublicityTeam, TeamMember

HEADER = ["单位", "宣传队", "姓名", "队内职务", "身份", "联系电话"]


def roster(count, team="城关所主力宣传队", unit="城关派出所"):
    return [
        [unit, team, f"队员{n:02d}", "队长" if n == 0 else "队员", "辅警", f"138001380{n:02d}"]
        for n in range(count)
    ]


def team_quota(county):
    rows = coverage(Period.parse("2024-06"), "station", config.current())
    station = next(r for r in rows if r["code"] == county["s1"].code)
    return next(q for q in station["quotas"] if "宣传队" in q["name"])


def test_an_imported_roster_of_ten_meets_the_station_quota(county, tmp_path):
    assert team_quota(county)["met"] is False
    nine = run_import(importer_class("team_members")(None), write_csv(tmp_path / "9.csv", HEADER, roster(9)))
    assert nine.ok and nine.counts.created == 9, nine.errors
    team = PublicityTeam.objects.get(name="城关所主力宣传队")
    assert team.org == county["s1"] and team.members == 9 and team.leader == "队员00"
    assert (team_quota(county)["actual"], team_quota(county)["met"]) == (9, False)
    ten = run_import(importer_class("team_members")(None), write_csv(tmp_path / "10.csv", HEADER, roster(10)))
    assert (ten.counts.created, ten.counts.unchanged) == (1, 9)
    assert PublicityTeam.objects.get(pk=team.pk).members == 10
    assert team_quota(county)["met"] is True
    assert TeamMember.objects.get(name="队员00").duty == "leader"


def test_a_bad_phone_is_a_row_error_and_nothing_is_written(county, tmp_path):
    rows = roster(3)
    rows[1][5] = "12345"
    result = run_import(importer_class("team_members")(None), write_csv(tmp_path / "r.csv", HEADER, rows))
    assert [str(e) for e in result.errors] == ["第3行「联系电话」：电话号码应为11位手机号或带区号的固定电话"]
    assert TeamMember.objects.count() == 0 and PublicityTeam.objects.count() == 0


def test_a_member_added_on_the_form_recounts_the_team(county, client_for):
    team = PublicityTeam.objects.create(org=county["s1"], name="城关所主力宣传队", members=12)
    officer = client_for("station_officer")
    form = {"team": team.pk, "name": "王五", "duty": "member", "position": "民警", "phone": "13800138000"}
    assert officer.post("/prevention/team-members/new/", form).status_code == 302
    assert PublicityTeam.objects.get(pk=team.pk).members == 1  # the roster now counts, not the number typed
    page = officer.get("/prevention/teams/").content.decode()
    assert "城关所主力宣传队" in page and "不足10人" in page
    members = officer.get("/prevention/team-members/").content.decode()
    assert "138****8000" in members and "13800138000" not in members


def test_rosters_are_scoped(county, client_for):
    other = PublicityTeam.objects.create(org=county["s2"], name="河东所宣传队", members=0)
    TeamMember.objects.create(team=other, name="河东队员", phone="13900139000")
    officer = client_for("station_officer")  # 城关派出所
    assert "河东队员" not in officer.get("/prevention/team-members/").content.decode()
    form = {"team": other.pk, "name": "越权", "duty": "member", "phone": ""}
    response = officer.post("/prevention/team-members/new/", form)
    assert response.status_code == 200 and not TeamMember.objects.filter(name="越权").exists()
