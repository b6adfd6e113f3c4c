"""What the web shell hears from the floors below and writes where a lower floor may not."""

from fanzha.audit.log import record_change


def record_password_reset(sender, actor, user, **kwargs) -> None:
    """A password reset in the change log: who reset whose password, never the password."""
    record_change(actor, "update", user, {"密码": "（原密码）"}, {"密码": "（已重设）"})
