"""A unit reports on what it was given — a 成员单位任务, a 专项行动 milestone, a 会商 decision — whatever
kind of unit it is: stations, towns and villages as well as member units (prevention.report_duty)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from fanzha.prevention.models import Duty, DutyStatus


@pytest.mark.parametrize(
    ("username", "unit"),
    [("station_officer", "s1"), ("town_staff", "town"), ("grid_worker", "v1"), ("unit_liaison", "school")],
)
def test_each_kind_of_unit_reports_its_own_duty(client_for, county, username, unit):
    today = timezone.localdate()
    duty = Duty.objects.create(
        org=county[unit],
        title="会商议定：本月走访重点人群",
        year=today.year,
        deadline=today + timedelta(days=3),
    )
    client = client_for(username)
    page = client.get(f"/prevention/duties/{duty.pk}/").content.decode()
    assert 'name="action" value="submit"' in page
    answer = client.post(
        f"/prevention/duties/{duty.pk}/",
        {"action": "submit", "report": "已走访 120 户", "responsible": "张三"},
    )
    assert answer.status_code == 302
    duty.refresh_from_db()
    assert (duty.status, duty.report) == (DutyStatus.SUBMITTED, "已走访 120 户")


def test_a_unit_cannot_report_another_units_duty(client_for, county):
    today = timezone.localdate()
    duty = Duty.objects.create(org=county["school"], title="学校的任务", year=today.year, deadline=today)
    answer = client_for("grid_worker").post(
        f"/prevention/duties/{duty.pk}/", {"action": "submit", "report": "x"}
    )
    assert answer.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_existing_role_groups_get_the_permission_on_migrate():
    station = Group.objects.get(name="派出所民警")
    station.permissions.remove(*station.permissions.filter(codename="report_duty"))
    executor = MigrationExecutor(connection)
    executor.migrate([("prevention", "0005_teammember")])
    executor = MigrationExecutor(connection)
    executor.migrate([("prevention", "0006_report_duty_permission")])
    assert station.permissions.filter(codename="report_duty").exists()
