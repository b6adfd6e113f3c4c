"""News from the accounts app to the floors above (it may not import them)."""

from django.dispatch import Signal

#: a user's password was reset (fanzha user passwd, the admin's 修改密码): sent inside the reset's
#: transaction with `actor` (who reset it; None from the command line) and `user`. The web app writes
#: it to the change log (never the password).
password_reset = Signal()
