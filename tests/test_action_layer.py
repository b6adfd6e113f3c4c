"""One action layer: forms, views and API views call actions; they never write change rows
themselves (`audit.log.record_change`), so every audited write is made, atomic, in one place."""

import ast
from pathlib import Path

import fanzha

ROOT = Path(fanzha.__file__).parent


def _web_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if path.stem in {"views", "forms", "pages", "api"} or "views" in parts or "api" in parts:
            yield path


def _calls_record_change(tree) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"record_change", "change_row"}:
                lines.append(node.lineno)
    return lines


def test_web_modules_exist():
    names = {p.relative_to(ROOT).as_posix() for p in _web_modules()}
    assert {"cases/views.py", "ledger/pages.py", "ledger/api.py", "prevention/forms.py"} <= names


def test_no_form_or_view_writes_a_change_row():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _web_modules()
        for line in _calls_record_change(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
