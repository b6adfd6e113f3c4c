"""Issue 15, done when: a case imported with an account already frozen for another victim shows the
series (串并案) and the freeze (止付冻结) — two sibling apps, each on the case page by its own panel."""

from django.test import Client

from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.cases.services import save_case
from fanzha.cases.tests.ledgers import HEADER, row, write_csv
from fanzha.core import clock
from fanzha.imports.runner import run_import
from fanzha.strike import services
from fanzha.strike.models import Kind
from fanzha.strike.tests import factory
from fanzha.strike.tests.factory import T0


def test_an_imported_case_shows_the_series_and_the_freeze(county, users, tmp_path):
    first = factory.case(county)
    save_case(users["county_admin"], first, [("account", "6222021234567890")])  # entered as users do
    bank = factory.bank(county)
    liaison = factory.liaison(bank)
    with clock.frozen(T0):
        request = services.record_request(
            users["station_officer"], first, factory.account(bank), Kind.FREEZE, "counter", 5_000_000
        )
        services.confirm(liaison, request, 4_000_000)

    header = [*HEADER, "嫌疑人账户"]
    line = [*row(number="C2024100", place="361123001001"), "6222-0212-3456-7890"]
    result = run_import(CaseImporter(users["county_admin"]), write_csv(tmp_path / "台账.csv", header, [line]))
    assert result.committed, [str(e) for e in result.errors]
    assert result.notes[0].startswith("1 行并入已有串并案")
    imported = Case.objects.get(case_number="C2024100")

    client = Client()
    client.force_login(users["county_admin"])
    page = client.get(f"/cases/{imported.pk}/").content.decode()
    assert f"/series/cases/{imported.pk}/panel/" in page and f"/strike/cases/{imported.pk}/panel/" in page
    series = client.get(f"/series/cases/{imported.pk}/panel/").content.decode()
    assert "与1起案件串并" in series and first.case_number in series
    freeze = client.get(f"/strike/cases/{imported.pk}/panel/").content.decode()
    assert "该账户已因另案冻结" in freeze and first.case_number in freeze
