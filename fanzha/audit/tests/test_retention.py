"""`fanzha audit prune`: old change- and access-log rows go, nothing younger than six months ever does,
and the prune leaves its own row."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.audit.retention import MINIMUM_DAYS, RetentionError, cutoff_for
from fanzha.core import clock
from fanzha.core.periods import BEIJING

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BEIJING)


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


def change(when):
    return ObjectChange.objects.create(
        at=when, username="u", action="update", model="cases.case", object_id="1", object_repr="案件"
    )


def access(when):
    return AccessLog.objects.create(
        at=when, username="u", action="view", model="cases.case", fields="身份证号"
    )


def prune(*args) -> dict:
    out = StringIO()
    with clock.frozen(NOW):
        call_command("audit", "prune", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_rows_before_the_day_go_and_the_prune_is_recorded():
    old = [change(at("2025-01-31", 23)), access(at("2024-06-01"))]
    kept = [change(at("2025-02-01", 0)), access(at("2026-11-30"))]
    assert prune("--before", "2025-02-01") == {"before": "2025-02-01", "change_rows": 1, "access_rows": 1}
    assert not ObjectChange.objects.filter(pk=old[0].pk).exists()
    assert not AccessLog.objects.filter(pk=old[1].pk).exists()
    assert (
        ObjectChange.objects.filter(pk=kept[0].pk).exists()
        and AccessLog.objects.filter(pk=kept[1].pk).exists()
    )
    record = ObjectChange.objects.get(model="audit.objectchange")
    assert (record.action, record.username, record.object_repr) == (
        "delete",
        "系统",
        "清理 2025-02-01 之前的审计记录",
    )
    assert record.before == {"change_rows": 1, "access_rows": 1}
    assert record.after == {"kept_from": "2025-02-01T00:00:00+08:00"}


def test_keep_days_counts_back_from_beijing_today():
    change(at("2025-12-06"))
    change(at("2025-12-07", 0))
    assert prune("--keep-days", "366") == {"before": "2025-12-06", "change_rows": 0, "access_rows": 0}
    assert prune("--keep-days", "365") == {"before": "2025-12-07", "change_rows": 1, "access_rows": 0}


def test_nothing_younger_than_six_months_is_removed():
    young = change(at("2026-06-30"))
    for args in (("--keep-days", str(MINIMUM_DAYS - 1)), ("--before", "2026-07-01")):
        with pytest.raises(CommandError, match="至少保留 183 天"):
            prune(*args)
    assert ObjectChange.objects.filter(pk=young.pk).exists()
    assert cutoff_for(before=date(2026, 6, 7), now=NOW) == datetime(2026, 6, 7, tzinfo=BEIJING)
    with pytest.raises(RetentionError):
        cutoff_for(before=date(2026, 6, 8), now=NOW)


def test_bad_input_is_named():
    with pytest.raises(CommandError, match="不是日期"):
        prune("--before", "2025-13-01")
    with pytest.raises(CommandError, match="one of the arguments --before --keep-days is required"):
        prune()
