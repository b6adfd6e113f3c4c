"""`fanzha`: the one entry point. Every sub-command is a Django management command
(demo, serve, import, user, token, generate, …), so `fanzha migrate` and the rest pass through."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["fanzha", *args])


if __name__ == "__main__":
    main()
