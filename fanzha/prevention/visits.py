"""Recording household visits, and keeping VisitedHousehold (first visit per household and year) in
step: one set-based statement after any batch of visits, so the import and a single form share it."""

from django.db import connection, transaction

from fanzha.audit import log as audit
from fanzha.prevention.models import HouseholdVisit, VisitedHousehold

VISIT_AUDIT = (
    "household",
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
                where, params = "WHERE household_id = ANY(%s)", [list(household_ids)]
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


def note_first_visits(visits) -> None:
    """New visits (a frame of household_id, village_id, visited_on) can only bring a household's first
    visit of the year earlier: upsert the earliest, one statement for the whole batch."""
    if visits.height == 0:
        return
    table = VisitedHousehold._meta.db_table
    households, villages, days = (visits[c].to_list() for c in ("household_id", "village_id", "visited_on"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (household_id, year, village_id, first_visited_on) "
                "SELECT h, EXTRACT(YEAR FROM d)::int, MIN(v), MIN(d) "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::date[]) AS k(h, v, d) "
                "GROUP BY h, EXTRACT(YEAR FROM d)::int "
                "ON CONFLICT (household_id, year) DO UPDATE "
                "SET first_visited_on = EXCLUDED.first_visited_on "
                f"WHERE EXCLUDED.first_visited_on < {table}.first_visited_on",  # rewrite only what moves
                [households, villages, days],
            )
        else:
            import json

            rows = json.dumps(
                [[h, v, d.isoformat()] for h, v, d in zip(households, villages, days, strict=True)]
            )
            cursor.execute(
                f"INSERT INTO {table} (household_id, year, village_id, first_visited_on) "
                "SELECT json_extract(value, '$[0]'), CAST(substr(json_extract(value, '$[2]'), 1, 4) AS INTEGER), "
                "MIN(json_extract(value, '$[1]')), MIN(json_extract(value, '$[2]')) "
                "FROM json_each(%s) WHERE true GROUP BY 1, 2 "
                "ON CONFLICT (household_id, year) DO UPDATE "
                "SET first_visited_on = excluded.first_visited_on "
                "WHERE excluded.first_visited_on < first_visited_on",
                [rows],
            )


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
