"""Login throttling (登录限制). Every password check goes through `admit` first, which counts the
attempt before the password is looked at, so parallel guesses cannot slip past the limit:

- one user name from one address is locked after LOGIN_FAILURE_LIMIT failures within
  LOGIN_FAILURE_WINDOW_SECONDS (someone elsewhere, or a colleague behind the same office address,
  can still log in);
- one address is locked after LOGIN_ADDRESS_FAILURE_LIMIT failures over all user names within the
  window (a much higher ceiling, against trying one password on many names).

A successful login clears its pair and takes its attempt back off the address count."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fanzha.accounts.models import LoginAttempts

WHOLE_ADDRESS = ""  # the user name of the row that counts an address's failures over all names


def _key(username: str, address: str | None) -> tuple[str, str]:
    return (username or "").strip().lower()[:150], address or ""


def _rows(username: str, address: str):
    return LoginAttempts.objects.filter(username=username, address=address)


def _count_one_more(username: str, address: str) -> int:
    """Add one to the row's count and return it; the caller's transaction holds the row (the
    database) until it commits."""
    rows = _rows(username, address)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                LoginAttempts.objects.create(username=username, address=address, count=1)
            return 1
        except IntegrityError:  # another attempt created it meanwhile
            rows.update(count=F("count") + 1)
    return rows.values_list("count", flat=True).get()


def admit(username: str, address: str | None) -> bool:
    """Count this attempt; False when the pair or the address is locked (then check no password)."""
    username, address = _key(username, address)
    window_start = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    with transaction.atomic():
        LoginAttempts.objects.filter(since__lt=window_start).delete()  # windows that have passed
        if _count_one_more(username, address) > settings.LOGIN_FAILURE_LIMIT:
            return False
        return _count_one_more(WHOLE_ADDRESS, address) <= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def succeeded(username: str, address: str | None) -> None:
    """The password was right: forget the pair's failures and take this attempt off the address."""
    username, address = _key(username, address)
    with transaction.atomic():
        _rows(username, address).delete()
        _rows(WHOLE_ADDRESS, address).filter(count__gt=0).update(count=F("count") - 1)


def was_refused(username: str, address: str | None) -> bool:
    """Whether this pair's attempts are being refused (a count past its limit): for the message
    only, `admit` decides."""
    username, address = _key(username, address)
    window_start = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    counts = dict(
        LoginAttempts.objects.filter(
            username__in=[username, WHOLE_ADDRESS], address=address, since__gte=window_start
        ).values_list("username", "count")
    )
    return (
        counts.get(username, 0) > settings.LOGIN_FAILURE_LIMIT
        or counts.get(WHOLE_ADDRESS, 0) > settings.LOGIN_ADDRESS_FAILURE_LIMIT
    )
