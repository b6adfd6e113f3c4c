"""Every command a script reads answers `--format json` with the figures it printed for a person:
one test per command, on the shared county with a few cases. (`assess`, `escalations`, `coverage`,
`screen audit` and `import` have theirs beside their code.)"""

import json
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fanzha.cases.tests.builders import add_cases
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.prevention.models import Household
from fanzha.warnings import services
from fanzha.warnings.models import FollowUp, Warning

pytestmark = pytest.mark.django_db
T0 = datetime(2024, 3, 5, 9, 0, tzinfo=BEIJING)


def run_json(*args):
    out = StringIO()
    call_command(*args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def ledger(county):
    add_cases(county["v1"], "2024-03-05", 3)
    add_cases(county["c1"], "2024-03-06", 1, loss_yuan=5000)
    return county


def test_ranking(ledger):
    rows = run_json("ranking", "--period", "2024-03", "--level", "station")
    assert [(r["code"], r["cases"], r["rank_cases"]) for r in rows] == [
        ("361123S01", 3, 1),
        ("361123S02", 1, 2),
    ]
    assert rows[1]["loss_yuan"] == "5000.00"


def test_certify(ledger):
    rows = run_json("certify", "--year", "2024", "--kind", "village")
    assert sorted(r["code"] for r in rows) == ["361123001001", "361123001002", "361123100200", "361123100201"]
    assert {r["code"]: r["certified"] for r in rows}["361123100200"] is False  # three cases in 东风村


def test_summarize(ledger):
    assert run_json("summarize") == {"months": 1}  # 2024-03, marked by the cases' trigger
    assert run_json("summarize") == {"months": 0}


def test_followups(ledger):
    drawn = run_json("followups", "--period", "2024-03", "--pct", "50")
    assert drawn["period"] == "2024-03" and drawn["pct"] == 50
    assert sorted(drawn["drawn"]) == sorted(f.case.case_number for f in FollowUp.objects.all())
    assert len(drawn["drawn"]) == 2  # half of four
    assert run_json("followups", "--period", "2024-03", "--pct", "50")["drawn"] == []


def test_warnings_overdue_escalate_and_stats(county):
    Household.objects.create(village=county["v1"], address="东风村1组3号", phone="13800000001")
    services.receive(Warning(external_id="W1", received_at=T0, phone="13800000001", level="high"))
    with clock.frozen(T0 + timedelta(hours=2)):
        [late] = run_json("warnings", "overdue")
        assert (late["external_id"], late["minutes_overdue"], late["assigned_to"]) == (
            "W1",
            60,
            "361123100200",
        )
        assert run_json("warnings", "escalate") == {"escalated": 1}
        assert run_json("warnings", "escalate") == {"escalated": 0}
        [station] = run_json("warnings", "stats", "--period", "2024-03")
    assert (station["code"], station["total"], station["overdue"]) == ("361123S01", 1, 1)


def test_warnings_takes_subcommands_only(county):
    with pytest.raises(CommandError, match="required: action"):
        call_command("warnings", "--overdue")


def test_report_monthly(ledger, tmp_path):
    out = run_json("report", "monthly", "--period", "2024-03", "--out", str(tmp_path / "通报.docx"))
    assert out == {"period": "2024-03", "docx": str(tmp_path / "通报.docx"), "xlsx": None}
    assert (tmp_path / "通报.docx").stat().st_size > 0


def test_prune_uploads(db):
    assert run_json("prune-uploads") == {"files": 0, "bytes": 0, "jobs": 0}


def test_user_list(users):
    rows = run_json("user", "list")
    assert [(r["username"], r["org"], r["role"]) for r in rows][:2] == [
        ("county_admin", "361123000000", "county_admin"),
        ("grid_worker", "361123100200", "grid_worker"),
    ]
    assert len(rows) == len(users)
