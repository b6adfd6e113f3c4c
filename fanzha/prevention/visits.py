"""Recording household visits, and keeping VisitedHousehold (first visit per household and year) in
step: a single visit from the form recomputes its household's rows; a batch from an import is written
set-based from a staging table, the first visits brought forward in the same pass."""

from django.db import connection, transaction

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.imports.arrays import array_literal
from fanzha.prevention.models import Household, HouseholdVisit, VisitedHousehold

# what a visit records (入户宣传工作登记表): audited on a change, written by an import
VISIT_FACTS = (
    "visited_on",
    "visitor",
    "people_reached",
    "face_to_face",
    "card_issued",
    "card_recipient",
    "pledge_signed",
    "app_installed",
    "note",
)
VISIT_AUDIT = ("household", *VISIT_FACTS)


def refresh_first_visits(household_ids: list[int] | None = None) -> None:
    """Recompute the first-visit rows of these households (all when None), from their visits."""
    visited = VisitedHousehold._meta.db_table
    visits = HouseholdVisit._meta.db_table
    year = (
        "EXTRACT(YEAR FROM visited_on)::int"
        if connection.vendor == "postgresql"
        else "CAST(strftime('%%Y', visited_on) AS INTEGER)"
    )
    where, params = "", []
    with connection.cursor() as cursor:
        if household_ids is not None:
            if not household_ids:
                return
            if connection.vendor == "postgresql":
                where, params = "WHERE household_id = ANY(%s::bigint[])", [array_literal(household_ids)]
            else:
                import json

                where, params = (
                    "WHERE household_id IN (SELECT value FROM json_each(%s))",
                    [json.dumps(list(household_ids))],
                )
        cursor.execute(f"DELETE FROM {visited} {where}", params)
        cursor.execute(
            f"INSERT INTO {visited} (household_id, year, village_id, first_visited_on) "
            f"SELECT household_id, {year}, MIN(village_id), MIN(visited_on) FROM {visits} {where} "
            f"GROUP BY household_id, {year}",
            params,
        )


HOUSEHOLD_COLUMNS = ("village_id", "address", "grid", "head_name", "phone", "members")
VISIT_COLUMNS = (*VISIT_FACTS, "created_at", "created_by_id")


def record_visits(staging: str) -> int:
    """Record a batch of visits held in a staging table (imports/staging.py: a `_row` column, the
    household's columns, the visit's columns); → how many visits were new.

    Set-based, three statements: a household not yet in the ledger (by village and address) is added,
    its first row in the file giving its details; a visit already there (same household, day and
    visitor) is left as it is; the first visit of the year of each household is brought forward where a
    new visit is earlier."""
    households, visits, visited = (m._meta.db_table for m in (Household, HouseholdVisit, VisitedHousehold))
    household_columns = ", ".join(HOUSEHOLD_COLUMNS)
    visit_columns = ", ".join(VISIT_COLUMNS)
    selected = ", ".join(f"i.{c}" for c in VISIT_COLUMNS)
    joined = f"{staging} i JOIN {households} h ON h.village_id = i.village_id AND h.address = i.address"
    with connection.cursor() as cursor:
        # the anti-join probes the unique index once a row; ON CONFLICT alone costs 2.5 times as much
        cursor.execute(
            f"INSERT INTO {households} ({household_columns}) "
            f"SELECT {', '.join('i.' + c for c in HOUSEHOLD_COLUMNS)} FROM {staging} i WHERE NOT EXISTS "
            f"(SELECT 1 FROM {households} h WHERE h.village_id = i.village_id AND h.address = i.address) "
            "ORDER BY i._row ON CONFLICT (village_id, address) DO NOTHING"  # the file's first row wins
        )
        insert_visits = (
            f"INSERT INTO {visits} (household_id, village_id, {visit_columns}) "
            f"SELECT h.id, i.village_id, {selected} FROM {joined} WHERE true "
            "ON CONFLICT (household_id, visited_on, visitor) DO NOTHING"
        )
        if connection.vendor == "postgresql":
            # the new visits only, straight from the insert
            cursor.execute(
                f"WITH new AS ({insert_visits} RETURNING household_id, village_id, visited_on), "
                f"noted AS (INSERT INTO {visited} (household_id, year, village_id, first_visited_on) "
                "SELECT household_id, EXTRACT(YEAR FROM visited_on)::int, MIN(village_id), MIN(visited_on) "
                "FROM new GROUP BY 1, 2 "
                "ON CONFLICT (household_id, year) DO UPDATE SET first_visited_on = EXCLUDED.first_visited_on "
                f"WHERE EXCLUDED.first_visited_on < {visited}.first_visited_on) "  # rewrite only what moves
                "SELECT count(*) FROM new"
            )
            return cursor.fetchone()[0]
        before = connection.connection.total_changes
        cursor.execute(insert_visits)
        created = connection.connection.total_changes - before
        if created:  # all the batch's visits: an earlier one is already counted, so the earliest wins
            cursor.execute(
                f"INSERT INTO {visited} (household_id, year, village_id, first_visited_on) "
                "SELECT h.id, CAST(strftime('%Y', i.visited_on) AS INTEGER), MIN(i.village_id), MIN(i.visited_on) "
                f"FROM {joined} WHERE true GROUP BY 1, 2 "
                "ON CONFLICT (household_id, year) DO UPDATE SET first_visited_on = excluded.first_visited_on "
                "WHERE excluded.first_visited_on < first_visited_on"
            )
        return created


HOUSEHOLD_AUDIT = ("head_name", "phone")


@transaction.atomic
def record_visit(user, visit: HouseholdVisit, village, address: str, head_name: str, phone: str):
    """入户走访 as the form takes it: the household by village and address (registered if new; a new
    head's name or phone replaces the stored one, audited), then the visit itself."""
    household, created = Household.objects.get_or_create(
        village=village, address=address.strip(), defaults={"head_name": head_name, "phone": phone}
    )
    if not created and (phone and household.phone != phone or head_name and household.head_name != head_name):

        def apply():
            household.phone = phone or household.phone
            household.head_name = head_name or household.head_name

        actions.update(user, household, HOUSEHOLD_AUDIT, apply)
    visit.household = household
    return save_visit(user, visit)


@transaction.atomic
def save_visit(user, visit: HouseholdVisit) -> HouseholdVisit:
    is_new = visit.pk is None
    before = None if is_new else audit.snapshot(HouseholdVisit.objects.get(pk=visit.pk), VISIT_AUDIT)
    visit.village_id = visit.household.village_id
    if is_new:
        visit.created_by = user
    visit.save()
    refresh_first_visits([visit.household_id])
    audit.record_change(
        user, "create" if is_new else "update", visit, before, audit.snapshot(visit, VISIT_AUDIT)
    )
    return visit
