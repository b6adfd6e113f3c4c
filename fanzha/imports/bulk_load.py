"""A large load into tables that may already hold data, made cheap: what the database would do row by
row (maintain indexes, check foreign keys, fire per-row triggers) is lifted first and done once, set-based,
at the end, inside the import's transaction (both databases roll the DDL back with it).

Building an index once over the loaded data is several times cheaper than maintaining it row by row, and
PostgreSQL checks a re-added foreign key with one query instead of a trigger per row. On PostgreSQL the
tables stay locked until the import commits, so imports use this for loads that are large against the table.

- Non-unique indexes are always lifted; unique ones only with `unique=True` (for a load into an empty
  table, which looks nothing up by those keys): rebuilt at the end, they check the whole table again,
  so a duplicate still fails the import. Primary keys and unique indexes that a foreign key relies on stay.
- Foreign keys (PostgreSQL; SQLite checks one with an inline index lookup, cheap enough).
- Triggers named in `catch_up` ({name: statement}): before each is put back, its statement runs once with
  the smallest id the load can have used, so that it covers every loaded row."""

from django.db import connection

from fanzha.imports.bulk import row_count

#: a load at least this large, and at least half the size of its table, lifts what it would maintain row by row
LARGE_LOAD_ROWS = 50_000


def is_large_load(total_rows: int, model, minimum: int = LARGE_LOAD_ROWS) -> bool:
    """Worth a BulkLoad: at least `minimum` rows, and at least half as many as `model`'s table holds
    (rebuilding an index over the whole table then costs less than maintaining it row by row)."""
    return total_rows >= minimum and total_rows * 2 >= row_count(model)


class BulkLoad:
    def __init__(self, *models_, catch_up: dict[str, str] | None = None, unique: bool = False):
        self.tables = [m._meta.db_table for m in models_]
        self.catch_up = catch_up or {}
        self.unique = unique
        self.indexes: list[str] = []  # CREATE INDEX statements (SQLite, PostgreSQL)
        self.constraints: list[tuple[str, str, str]] = []  # (table, name, definition): PostgreSQL
        self.triggers: list[tuple[str, str, str, int]] = []  # (table, name, definition, first id)

    @property
    def _postgresql(self) -> bool:
        return connection.vendor == "postgresql"

    def drop(self) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if self._postgresql:
                # checks deferred earlier in this transaction would otherwise block the ALTER TABLEs
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in self.tables:
                self._lift_triggers(cursor, table)
                for name, definition in self._constraints(cursor, table):
                    cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                    self.constraints.append((table, name, definition))
                for name, sql in self._indexes(cursor, table):
                    cursor.execute(f"DROP INDEX {quote(name)}")
                    self.indexes.append(sql)

    def restore(self) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if self._postgresql and (self.indexes or self.constraints):
                # sort in memory rather than on disk while building (this transaction only)
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for sql in self.indexes:
                cursor.execute(sql)
            # unique constraints first: a foreign key among them may refer to one
            for table, name, definition in sorted(self.constraints, key=lambda c: "FOREIGN KEY" in c[2]):
                cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
            for table, name, definition, first_id in self.triggers:
                cursor.execute(self.catch_up[name], [first_id])
                if self._postgresql:
                    cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER {quote(name)}")
                else:
                    cursor.execute(definition)
        self.indexes, self.constraints, self.triggers = [], [], []

    def _indexes(self, cursor, table: str) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the indexes to lift (not those behind constraints)."""
        if self._postgresql:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))",
                [table],
            )
        else:  # an index with no SQL is a table's own (PRIMARY KEY, inline UNIQUE) and cannot be dropped
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        return [(n, sql) for n, sql in cursor.fetchall() if self.unique or "UNIQUE" not in sql.upper()]

    def _constraints(self, cursor, table: str) -> list[tuple[str, str]]:
        """PostgreSQL: (name, definition) of the foreign keys and, with `unique`, the unique constraints
        that no foreign key relies on."""
        if not self._postgresql:
            return []
        kinds = ["f", "u"] if self.unique else ["f"]
        cursor.execute(
            "SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.conrelid = %s::regclass AND c.contype = ANY(%s) AND (c.contype = 'f' OR NOT EXISTS "
            "(SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid))",
            [table, kinds],
        )
        return cursor.fetchall()

    def _lift_triggers(self, cursor, table: str) -> None:
        quote = connection.ops.quote_name
        if self._postgresql:
            cursor.execute(
                "SELECT tgname, '' FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table]
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        for name, definition in cursor.fetchall():
            if name not in self.catch_up:
                continue
            if self._postgresql:  # ids come from the sequence: every row loaded gets a larger one
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
                first_id = cursor.fetchone()[0]
                cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(name)}")
            else:  # the import holds the write lock; new ids come after the largest
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {quote(table)}")
                first_id = cursor.fetchone()[0]
                cursor.execute(f"DROP TRIGGER {quote(name)}")
            self.triggers.append((table, name, definition, first_id))
