import pytest
from django.db import IntegrityError, connection, transaction

from fanzha.cases.models import Case, FraudType, SuspectIdentifier
from fanzha.imports.bulk_load import BulkLoad


def constraints(table):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def test_lifted_unique_index_still_refuses_a_duplicate(county):
    """With unique=True the unique index on (case, kind, value) is lifted during the load; rebuilding it
    checks the whole table, so a duplicate written meanwhile fails the load instead of slipping in."""
    case = Case.objects.create(
        case_number="U1",
        reported_at="2024-03-05T10:00+08:00",
        place=county["v1"],
        station=county["s1"],
        fraud_type=FraudType.objects.first(),
    )
    before = constraints("cases_suspectidentifier")
    load = BulkLoad(SuspectIdentifier, unique=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        load.drop()
        assert set(constraints("cases_suspectidentifier")) < set(before)  # the unique index is gone
        for _ in range(2):
            SuspectIdentifier.objects.create(case=case, kind="phone", value="13900000000")
        load.restore()
    assert constraints("cases_suspectidentifier") == before  # rolled back with the failed load
    assert not SuspectIdentifier.objects.exists()


def test_without_unique_the_unique_indexes_stay(county):
    before = constraints("cases_suspectidentifier")
    load = BulkLoad(SuspectIdentifier)
    with transaction.atomic():
        load.drop()
        unique = {n for n, c in constraints("cases_suspectidentifier").items() if c["unique"]}
        assert unique == {n for n, c in before.items() if c["unique"]}
        load.restore()
    assert constraints("cases_suspectidentifier") == before


def test_indexes_and_foreign_keys_are_lifted_during_the_load(county):
    before = constraints("cases_case")
    load = BulkLoad(Case, SuspectIdentifier)
    with transaction.atomic():
        load.drop()
        during = constraints("cases_case")
        assert not [n for n, c in during.items() if c["index"] and not c["unique"] and not c["primary_key"]]
        foreign_keys = [n for n, c in during.items() if c["foreign_key"]]
        # PostgreSQL checks them again when they come back; SQLite's are part of the table
        assert not foreign_keys if connection.vendor == "postgresql" else foreign_keys
        load.restore()
    assert constraints("cases_case") == before
