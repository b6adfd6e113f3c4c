"""Dumping and loading the database: SQLite through its online backup API (a consistent copy while the
server runs), PostgreSQL through pg_dump/pg_restore (custom format)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections

from fanzha.accounts.models import User
from fanzha.orgs.models import OrgUnit

SQLITE_MEMBER = "database/fanzha.sqlite3"
POSTGRES_MEMBER = "database/fanzha.pgdump"


class DatabaseError(Exception):
    pass


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def member_name(kind: str) -> str:
    return {"sqlite": SQLITE_MEMBER, "postgresql": POSTGRES_MEMBER}[kind]


def dump(into: Path) -> None:
    """Write the current database to into/<member_name>."""
    target = into / member_name(engine())
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine() == "sqlite":
        source = Path(connection.settings_dict["NAME"])
        if not source.is_file():
            raise DatabaseError(f"找不到数据库文件 {source}")
        _sqlite_copy(source, target)
    else:
        _run_pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")


def load(staged: Path) -> None:
    """Replace the current database's content with the staged dump."""
    source = staged / member_name(engine())
    connections.close_all()
    if engine() == "sqlite":
        _sqlite_copy(source, Path(connection.settings_dict["NAME"]))
    else:
        _run_pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            str(source),
        )


def holds_data() -> bool:
    """Does the database hold a centre's data (any user or org unit), not just a fresh install?"""

    tables = set(connection.introspection.table_names())
    return any(m._meta.db_table in tables and m._default_manager.exists() for m in (User, OrgUnit))


def _sqlite_copy(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _run_pg(program: str, *args: str) -> None:
    if shutil.which(program) is None:
        raise DatabaseError(f"找不到 {program}：请安装 PostgreSQL 客户端工具，并确保它在 PATH 中")
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    database = ["--dbname", db["NAME"]] if program == "pg_restore" else []
    done = subprocess.run([program, *database, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise DatabaseError(f"{program} 失败：{done.stderr.strip()[-500:]}")
