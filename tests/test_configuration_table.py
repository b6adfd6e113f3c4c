"""The README's Configuration table names every environment variable the code reads, and only those."""

import re
from pathlib import Path

import fanzha

ROOT = Path(fanzha.__file__).parent
READ = re.compile(
    r"""(?:environ(?:\.get)?|getenv|_positive_int|_flag|_host_names|_origins|_log_level)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)
NOT_OURS = {"DJANGO_SETTINGS_MODULE", "XDG_DATA_HOME"}  # Django's and the desktop's, not Fanzha's


def variables_read() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" not in path.parts:
            found |= set(READ.findall(path.read_text(encoding="utf-8")))
    return found - NOT_OURS


def variables_documented() -> set[str]:
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }


def test_every_variable_read_is_in_the_readme_table_and_no_other():
    read = variables_read()
    assert {"DATABASE_URL", "FANZHA_DEBUG", "FANZHA_LOG_LEVEL", "FANZHA_PASSWORD"} <= read
    assert read == variables_documented()
