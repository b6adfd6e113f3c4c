"""The platform's "now", injectable so tests (and a replay of a day's warnings) can move time.

Services that compare against deadlines call `clock.now()` instead of `timezone.now()`; a test
wraps its steps in `with clock.frozen(moment):` or moves a running clock with `clock.advance()`."""

from contextlib import contextmanager
from datetime import datetime, timedelta

from django.utils import timezone

_fixed: list[datetime] = []


def now() -> datetime:
    return _fixed[-1] if _fixed else timezone.now()


@contextmanager
def frozen(moment: datetime):
    """Every `clock.now()` inside the block returns `moment` (or where `advance()` moved it)."""
    if timezone.is_naive(moment):
        raise ValueError("clock.frozen needs an aware datetime")
    _fixed.append(moment)
    try:
        yield
    finally:
        _fixed.pop()


def advance(delta: timedelta) -> datetime:
    """Move a frozen clock forward; → the new now."""
    if not _fixed:
        raise RuntimeError("clock.advance only moves a frozen clock")
    _fixed[-1] = _fixed[-1] + delta
    return _fixed[-1]
