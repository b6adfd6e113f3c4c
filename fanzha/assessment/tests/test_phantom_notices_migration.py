"""Migrations 0008–0009 remove the 排名通报 records the rules wrote without an issued 通报, and the 挂牌整治
that stood only on them: one still 待处理 is deleted, one already acted on is kept with a note."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessment", "0007_rulesetting_moves_to_parameters")]
AFTER = [("assessment", "0009_notice_ranking_needs_document")]


@pytest.mark.django_db(transaction=True)
def test_phantom_ranking_notices_and_their_listings_go():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OrgUnit, Notice, Outcome = (
        old.get_model("orgs", "OrgUnit"),
        old.get_model("assessment", "Notice"),
        old.get_model("assessment", "Outcome"),
    )
    root = OrgUnit.objects.create(code="990000", name="旧县", kind="county", path="/")
    root.path = f"/{root.pk}/"
    root.save()
    units = {}
    for code in ("A", "B", "C"):
        units[code] = OrgUnit.objects.create(
            code=f"99{code}", name=f"{code}村", kind="village", parent=root, path=f"{root.path}{code}/"
        )
    for month in (1, 2, 3):
        for code in ("A", "B"):
            Notice.objects.create(
                org=units[code],
                kind="ranking",
                period=f"2024-0{month}",
                issued_on=date(2024, month, 28),
                ranking="village_cases",
                reason="排名",
            )
    for month in (4, 5, 6):  # C: three 通报批评 the office entered, which stand
        Notice.objects.create(
            org=units["C"],
            kind="criticism",
            period=f"2024-0{month}",
            issued_on=date(2024, month, 10),
            reason="通报批评",
        )
    listing = {
        "kind": "listed_for_rectification",
        "period": "2024",
        "reason": "挂牌",
        "figures": {"threshold": 3},
    }
    Outcome.objects.create(org=units["A"], **listing)
    Outcome.objects.create(org=units["B"], status="acknowledged", note="已整改", **listing)
    Outcome.objects.create(org=units["C"], **listing)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Notice, Outcome = new.get_model("assessment", "Notice"), new.get_model("assessment", "Outcome")
    assert sorted(Notice.objects.values_list("kind", flat=True)) == ["criticism"] * 3
    kept = {o.org.name: o for o in Outcome.objects.select_related("org")}
    assert sorted(kept) == ["B村", "C村"]
    assert kept["B村"].note.startswith("已整改\n【系统说明】") and kept["C村"].note == ""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
