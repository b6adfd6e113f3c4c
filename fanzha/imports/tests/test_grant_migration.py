"""A platform that already has its role groups gets the 选项同义词 permissions for its county office
(migration 0009): role groups take their defaults only when first created."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("imports", "0008_directory_import_kinds")]
AFTER = [("imports", "0009_grant_choice_synonyms")]


@pytest.mark.django_db(transaction=True)
def test_an_existing_county_office_group_may_keep_choice_synonyms():
    office = Group.objects.get(name="县反诈中心管理员")
    office.permissions.remove(*office.permissions.filter(codename__endswith="_choicesynonym"))
    worker = Group.objects.get(name="村/社区网格员")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    granted = set(
        office.permissions.filter(codename__endswith="_choicesynonym").values_list("codename", flat=True)
    )
    assert granted == {"view_choicesynonym", "add_choicesynonym", "delete_choicesynonym"}
    assert not worker.permissions.filter(codename__endswith="_choicesynonym").exists()
