"""Leaks the hostile suite finds today, each being fixed: (test, URL name, role) → the finding. A case
listed here is a strict xfail, so the fix that closes it turns the suite red until its entry is removed.
Keep this the only list; the suite itself is generated from the URL conf and the OpenAPI schema."""

import pytest

KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}


def param(test: str, name: str, role: str, *values, id: str):
    """A pytest.param of `values`, a strict xfail when (test, name, role) is a known leak."""
    reason = KNOWN_LEAKS.get((test, name, role))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(*values, marks=marks, id=id)
