"""audit/log.py's promise: every audit row is built there. Elsewhere the code may read the two logs,
delete through audit/retention.py, and bulk-insert rows `log.change_row` built — never make one itself."""

import re
from pathlib import Path

import fanzha

ROOT = Path(fanzha.__file__).parent
MAKES_A_ROW = re.compile(
    r"(?<!class )\b(ObjectChange|AccessLog)\s*\(|\b(ObjectChange|AccessLog)\.objects\.(create|get_or_create|update_or_create)\b"
    r"|insert\s+into\s+\"?audit_",
    re.IGNORECASE,
)
ALLOWED = {"audit/log.py"}


def test_only_the_audit_log_module_builds_audit_rows():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED or "/tests/" in f"/{relative}" or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if MAKES_A_ROW.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_sees_a_row_being_made():
    assert MAKES_A_ROW.search('ObjectChange.objects.create(model="x")')
    assert MAKES_A_ROW.search("row = AccessLog(user=None)")
    assert not MAKES_A_ROW.search("ObjectChange.objects.filter(model='cases.case')")
