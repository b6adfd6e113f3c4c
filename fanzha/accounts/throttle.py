"""Login throttling: after LOGIN_FAILURE_LIMIT failures for one user name or one address within
LOGIN_FAILURE_WINDOW_SECONDS, further attempts are refused until the window has passed."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from fanzha.accounts.models import LoginFailure


def _recent(username: str, address: str | None):
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    match = Q(username__iexact=username)
    if address:
        match |= Q(address=address)
    return LoginFailure.objects.filter(match, at__gte=since)


def is_locked(username: str, address: str | None) -> bool:
    return _recent(username, address).count() >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], address=address)


def clear(username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()
