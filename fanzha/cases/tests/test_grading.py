"""分级归类 (000 篇十) and 查处 (篇十二): the grading rule's worked examples, grades derived on save and
import and again when a level changes, the county office's hand-set grade surviving all three, and
each station's follow-through per grade on the page, the API and the CLI."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from fanzha.audit.models import ObjectChange
from fanzha.cases import grading, rules
from fanzha.cases.choices import CaseStatus, Grade, Stage
from fanzha.cases.models import Case, FraudType
from fanzha.cases.services import GradeError, save_case, set_grade
from fanzha.cases.tests.builders import add_cases
from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.imports.registry import importer_class
from fanzha.imports.runner import run_import
from fanzha.parameters import config

MILLION_FEN = 1_000_000 * 100
NONE = frozenset()


@pytest.mark.parametrize(
    ("loss_fen", "fraud_type", "types", "grade"),
    [
        (MILLION_FEN, "刷单返利", NONE, Grade.FIRST),  # 100万元 exactly: 含本数
        (MILLION_FEN - 1, "刷单返利", NONE, Grade.SECOND),  # 1 fen short of 100万
        (10_000_000, "刷单返利", NONE, Grade.SECOND),  # 10万元 exactly
        (9_999_999, "刷单返利", NONE, Grade.THIRD),
        (0, "刷单返利", NONE, Grade.THIRD),
        (500, "冒充公检法", frozenset({"冒充公检法"}), Grade.FIRST),  # a 一级 type, whatever the loss
        (500, "冒充公检法", NONE, Grade.THIRD),  # the same case when no type is listed
    ],
)
def test_grading_rule_worked_examples(loss_fen, fraud_type, types, grade):
    assert rules.grade_of(loss_fen, fraud_type, MILLION_FEN, 10_000_000, types) == grade


@pytest.mark.parametrize(
    ("status", "stage"),
    [
        (CaseStatus.ACCEPTED, Stage.UNCHECKED),
        (CaseStatus.FILED, Stage.CHECKING),
        (CaseStatus.SOLVED, Stage.RESULT),
        (CaseStatus.WITHDRAWN, Stage.RESULT),
    ],
)
def test_stage_of_each_status(status, stage):
    assert rules.stage_of(status) == stage


def test_the_database_derivation_agrees_with_the_rule(county):
    config.change("grading.level1_types", "冒充公检法")
    police = FraudType.objects.get(name="冒充公检法")
    losses = [0, 9_999_999, 10_000_000, MILLION_FEN - 1, MILLION_FEN, 5 * MILLION_FEN]
    made = [
        *(add_cases(county["v1"], "2024-03-05")[0] for _ in losses),
        *(add_cases(county["v1"], "2024-03-05", fraud_type=police)[0] for _ in losses),
    ]
    for case, loss in zip(made, losses * 2, strict=True):
        Case.objects.filter(pk=case.pk).update(loss_fen=loss)
    grading.regrade()
    levels = grading.levels()
    for case in Case.objects.select_related("fraud_type"):
        assert case.grade == levels.grade_of(case.loss_fen, case.fraud_type.name), case.loss_fen


def _case(county, loss_yuan, **fields):
    case = Case(
        case_number=fields.pop("case_number", "G001"),
        reported_at="2024-03-05T12:00:00+08:00",
        place=county["v1"],
        fraud_type=FraudType.objects.get(name="刷单返利"),
        loss_fen=loss_yuan * 100,
        **fields,
    )
    return save_case(None, case)


def test_a_saved_case_is_graded_and_regraded_when_its_loss_changes(county):
    case = _case(county, 150_000)
    assert case.grade == Grade.SECOND and Case.objects.get(pk=case.pk).grade == Grade.SECOND
    case.loss_fen = 1_200_000 * 100
    save_case(None, case)
    assert Case.objects.get(pk=case.pk).grade == Grade.FIRST


def test_an_imported_case_is_graded(county, tmp_path):
    path = write_csv(
        tmp_path / "台账.csv",
        HEADER,
        [
            row(number="I001", loss="120万元"),
            row(number="I002", loss="5万元"),
            row(number="I003", loss="10万元"),
        ],
    )
    result = run_import(importer_class("cases")(None), path)
    assert result.ok, result.errors
    grades = dict(Case.objects.values_list("case_number", "grade"))
    assert grades == {"I001": Grade.FIRST, "I002": Grade.THIRD, "I003": Grade.SECOND}


def test_a_new_level_regrades_every_case_but_the_hand_set_ones(county, django_capture_on_commit_callbacks):
    small = _case(county, 60_000, case_number="G001")
    kept = _case(county, 60_000, case_number="G002")
    set_grade(None, kept, Grade.FIRST, "涉及群体性事件，县中心决定逐案推进")
    assert Case.objects.get(pk=small.pk).grade == Grade.THIRD
    with django_capture_on_commit_callbacks(execute=True):
        config.change("grading.level2_yuan", 50_000)
    assert Case.objects.get(pk=small.pk).grade == Grade.SECOND  # 6万 ≥ the new 5万
    assert Case.objects.get(pk=kept.pk).grade == Grade.FIRST  # the override survives the re-derivation
    save_case(None, Case.objects.get(pk=kept.pk))  # and a save
    assert Case.objects.get(pk=kept.pk).grade == Grade.FIRST


def test_a_hand_set_grade_needs_a_reason_is_audited_and_can_be_undone(county, users):
    case = _case(county, 500)
    with pytest.raises(GradeError, match="理由"):
        set_grade(users["county_admin"], case, Grade.FIRST, "  ")
    set_grade(users["county_admin"], case, Grade.FIRST, "上级督办")
    case.refresh_from_db()
    assert (case.grade, case.grade_override, case.grade_reason) == (Grade.FIRST, Grade.FIRST, "上级督办")
    change = ObjectChange.objects.filter(model="cases.case", object_id=str(case.pk)).latest("id")
    assert change.after["grade_override"] == "一级" and change.after["grade_change_reason"] == "上级督办"
    set_grade(users["county_admin"], case, None, "督办结束")
    case.refresh_from_db()
    assert (case.grade, case.grade_override) == (Grade.THIRD, None)


def test_only_the_county_office_sets_a_grade_by_hand(county, users, client_for):
    case = _case(county, 500)
    officer = client_for("station_officer")
    assert officer.post(f"/cases/{case.pk}/grade/", {"grade": "1", "reason": "x"}).status_code == 403
    office = client_for("county_admin")
    response = office.post(f"/cases/{case.pk}/grade/", {"grade": "1", "reason": "上级督办"})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).grade == Grade.FIRST
    page = office.get(f"/cases/{case.pk}/").content.decode()
    assert "人工定级" in page and "上级督办" in page


@pytest.fixture
def graded(county):
    """城关所 (s1): two 一级 (one solved), one 二级 filed, one 三级 accepted; 河东所 (s2): one 三级 solved."""
    made = {
        "big_open": add_cases(county["v1"], "2024-02-01", loss_yuan=2_000_000)[0],
        "big_solved": add_cases(county["v1"], "2024-03-01", loss_yuan=1_000_000, status=CaseStatus.SOLVED)[0],
        "mid": add_cases(county["v2"], "2024-03-02", loss_yuan=200_000, status=CaseStatus.FILED)[0],
        "small": add_cases(county["v1"], "2024-01-15", loss_yuan=800)[0],
        "other": add_cases(county["c1"], "2024-04-01", loss_yuan=800, status=CaseStatus.SOLVED)[0],
    }
    grading.regrade()
    return made


def _station(table, code):
    return next(r for r in table["stations"] if r["station"] == code)


def test_follow_through_per_station_and_grade(county, graded):
    out = StringIO()
    call_command("cases", "grades", "--period", "2024", "--format", "json", stdout=out)
    table = json.loads(out.getvalue())
    s1 = _station(table, county["s1"].code)
    assert s1["grades"]["一级"] == {
        "cases": 2,
        "unchecked": 1,
        "checking": 0,
        "result": 1,
        "result_pct": "50.0",
        "oldest_open": "2024-02-01",
    }
    assert s1["grades"]["二级"]["checking"] == 1 and s1["grades"]["二级"]["result_pct"] == "0.0"
    assert s1["grades"]["三级"]["oldest_open"] == "2024-01-15"
    assert s1["total"]["cases"] == 4 and s1["total"]["result_pct"] == "25.0"
    assert _station(table, county["s2"].code)["grades"]["三级"]["result_pct"] == "100.0"
    assert table["total"]["total"]["cases"] == 5


def test_follow_through_is_scoped_and_links_to_the_filtered_list(county, graded, client_for):
    officer = client_for("station_officer")  # 城关派出所
    data = officer.get("/api/cases/grades/?period=2024").json()
    assert [r["station"] for r in data["stations"]] == [county["s1"].code]
    page = officer.get("/cases/grades/?period=2024").content.decode()
    assert "城关派出所" in page and "河东派出所" not in page
    link = f"/cases/?month=2024&amp;station={county['s1'].pk}&amp;grade=1&amp;stage=open"
    assert link in page
    listed = officer.get(link.replace("&amp;", "&")).content.decode()
    assert graded["big_open"].case_number in listed and graded["big_solved"].case_number not in listed


def test_grade_filter_on_the_list_and_the_api(county, graded, client_for):
    office = client_for("county_admin")
    numbers = {r["case_number"] for r in office.get("/api/cases/?grade=1").json()["results"]}
    assert numbers == {graded["big_open"].case_number, graded["big_solved"].case_number}
    first = office.get("/api/cases/?grade=1").json()["results"][0]
    assert first["grade_label"] == "一级" and first["grade_set_by_hand"] is False
    listed = office.get("/cases/?grade=2").content.decode()
    assert graded["mid"].case_number in listed and graded["small"].case_number not in listed
    assert office.get("/cases/grades/?period=2024&format=xlsx").status_code == 200
    assert "期间「2024-13」" in office.get("/cases/grades/?period=2024-13").content.decode()


def test_the_grade_columns_leave_the_month_triggers_in_place(db):
    """SQLite remakes a table to add a NOT NULL column, and the remade table has lost its triggers:
    the grade columns are nullable so that the cases' month triggers (assessment) survive them."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases_case'"
            )
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'cases_case'::regclass")
        names = {row[0] for row in cursor.fetchall()}
    assert {"case_months_insert", "case_months_update", "case_months_delete"} <= names
