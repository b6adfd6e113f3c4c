"""`fanzha`: the one entry point. Every sub-command is a Django management command
(demo, serve, import, user, token, generate, …), so `fanzha migrate` and the rest pass through.

The data directory holds personal data (the SQLite database, uploads, evidence): whatever fanzha
creates there is this account's only (umask 077), and the directory and an SQLite database are made
so at each start, for an installation made before."""

import os
import sys
from pathlib import Path


def keep_data_private() -> None:
    """umask 077 for this process; the data directory 0700 and an SQLite database's files 0600."""
    os.umask(0o077)
    from django.conf import settings

    settings.DATA_DIR.chmod(0o700)
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{database['NAME']}{suffix}")
            if path.exists():
                path.chmod(0o600)


def main(argv: list[str] | None = None) -> None:
    os.umask(0o077)  # before the settings create the data directory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        keep_data_private()
    except ImproperlyConfigured as exc:
        sys.exit(f"配置错误：{exc}")
    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["fanzha", *args])


if __name__ == "__main__":
    main()
