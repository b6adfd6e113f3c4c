"""Resetting a user's password (fanzha user passwd): Django's validators, then the change and its row
in the change log in one transaction (the log says the password changed, never what it is)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from fanzha.audit.log import record_change


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
        record_reset(actor, user)


def record_reset(actor, user) -> None:
    """The change row of a password reset (also written by the admin's 修改密码 form)."""
    record_change(actor, "update", user, {"密码": "（原密码）"}, {"密码": "（已重设）"})
