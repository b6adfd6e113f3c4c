"""Resetting a user's password (fanzha user passwd): Django's validators, then the change, in one
transaction with the `password_reset` signal, which the change log hears (fanzha/web/apps.py)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from fanzha.accounts.signals import password_reset


class PasswordRefused(ValueError):
    """The new password fails a validator; the message says why, in Chinese."""


def reset_password(actor, user, password: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise PasswordRefused("密码不符合要求：" + "；".join(exc.messages)) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        announce_reset(actor, user)


def announce_reset(actor, user) -> None:
    """Tell the floors above that `actor` reset `user`'s password (also after the admin's form)."""
    password_reset.send(sender=type(user), actor=actor, user=user)
