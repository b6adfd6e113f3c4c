"""The triggers that keep MonthTally honest: any insert, update, delete (or, on PostgreSQL,
truncate) of cases marks the Beijing months it touched as dirty — whatever wrote it: the UI, the
API, an import, the admin or a hand-written SQL statement. China has kept UTC+8 without
daylight saving since 1991, so SQLite can compute the month with a fixed offset."""

PG_MONTH = (
    "(extract(year from reported_at AT TIME ZONE 'Asia/Shanghai') * 12"
    " + extract(month from reported_at AT TIME ZONE 'Asia/Shanghai') - 1)::int"
)

POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION fanzha_case_months() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO assessment_dirtymonth (month) SELECT DISTINCT {PG_MONTH} FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO assessment_dirtymonth (month) SELECT DISTINCT {PG_MONTH} FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    """
CREATE OR REPLACE FUNCTION fanzha_case_truncate() RETURNS trigger AS $$
BEGIN
  DELETE FROM assessment_monthtally;
  DELETE FROM assessment_dirtymonth;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER case_months_insert AFTER INSERT ON cases_case REFERENCING NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION fanzha_case_months()",
    "CREATE TRIGGER case_months_update AFTER UPDATE ON cases_case"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fanzha_case_months()",
    "CREATE TRIGGER case_months_delete AFTER DELETE ON cases_case REFERENCING OLD TABLE AS old_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION fanzha_case_months()",
    "CREATE TRIGGER case_months_truncate AFTER TRUNCATE ON cases_case"
    " FOR EACH STATEMENT EXECUTE FUNCTION fanzha_case_truncate()",
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS case_months_insert ON cases_case",
    "DROP TRIGGER IF EXISTS case_months_update ON cases_case",
    "DROP TRIGGER IF EXISTS case_months_delete ON cases_case",
    "DROP TRIGGER IF EXISTS case_months_truncate ON cases_case",
    "DROP FUNCTION IF EXISTS fanzha_case_months()",
    "DROP FUNCTION IF EXISTS fanzha_case_truncate()",
]


def _sqlite_month(row: str) -> str:
    # one strftime per row (YYYYMM), the cheapest form: an import fires this for every case
    yyyymm = f"CAST(strftime('%Y%m', {row}.reported_at, '+8 hours') AS INTEGER)"
    return f"({yyyymm} / 100) * 12 + {yyyymm} % 100 - 1"


_SUMMARISED = "reported_at, place_id, town_id, station_id, employer_id, status, loss_fen, recovered_fen"

SQLITE = [
    "CREATE TRIGGER case_months_insert AFTER INSERT ON cases_case BEGIN"
    f" INSERT OR IGNORE INTO assessment_dirtymonth (month) VALUES ({_sqlite_month('NEW')}); END",
    f"CREATE TRIGGER case_months_update AFTER UPDATE OF {_SUMMARISED} ON cases_case BEGIN"
    f" INSERT OR IGNORE INTO assessment_dirtymonth (month) VALUES ({_sqlite_month('OLD')});"
    f" INSERT OR IGNORE INTO assessment_dirtymonth (month) VALUES ({_sqlite_month('NEW')}); END",
    "CREATE TRIGGER case_months_delete AFTER DELETE ON cases_case BEGIN"
    f" INSERT OR IGNORE INTO assessment_dirtymonth (month) VALUES ({_sqlite_month('OLD')}); END",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS case_months_insert",
    "DROP TRIGGER IF EXISTS case_months_update",
    "DROP TRIGGER IF EXISTS case_months_delete",
]


def install(schema_editor) -> None:
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def remove(schema_editor) -> None:
    statements = POSTGRESQL_DROP if schema_editor.connection.vendor == "postgresql" else SQLITE_DROP
    for statement in statements:
        schema_editor.execute(statement)
