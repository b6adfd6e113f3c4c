"""What a change of rule parameters tells the floors above, without knowing them."""

from django.dispatch import Signal

#: a new version of a parameter is in force (sent after its transaction commits): `key`, `value`, `user`
parameter_changed = Signal()
