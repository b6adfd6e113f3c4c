"""The only authentication backend: Django's model backend behind the login throttle, so every
path that checks a password (the site login, the admin login, anything calling `authenticate`)
counts and locks the same way."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from fanzha.accounts import throttle


def client_address(request) -> str | None:
    if request is None:  # `authenticate` called without a request (a script, the test client's login)
        return None
    return request.META.get("REMOTE_ADDR") or None


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        address = client_address(request)
        if not throttle.admit(username, address):
            raise PermissionDenied  # stops `authenticate` at once: no password is checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            throttle.succeeded(username, address)
        return user
