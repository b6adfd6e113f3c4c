"""DATABASE_URL → Django DATABASES entry (sqlite:///path, postgres://user@host:port/name)."""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

SQLITE_OPTIONS = {
    # One writer at a time: take the write lock at BEGIN so a read-then-write transaction
    # waits on busy_timeout instead of failing at once with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; "
        "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
    ),
}


def parse_database_url(url: str) -> dict:
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/or/absolute  (three slashes then the path; four for absolute)
        path = unquote(url.split("://", 1)[1])
        if path.startswith("/") and not path.startswith("//"):
            path = path[1:] if not Path(path).is_absolute() else path
        if path.startswith("//"):
            path = path[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": dict(SQLITE_OPTIONS),
            # a server thread keeps its connection: opening one (and its PRAGMAs) per request cost
            # more than most pages' queries
            "CONN_MAX_AGE": 60,
        }
    if scheme in ("postgres", "postgresql", "pgsql"):
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "fanzha",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": query,
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"不支持的 DATABASE_URL：{scheme}（支持 sqlite:// 与 postgres://）")
