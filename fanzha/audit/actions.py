"""An audited write of one record: the save and its row in the change log, in one transaction.

The ledgers' actions (`services.py`) and the simple ledgers' entry form and API write through these
two functions, so a record never changes without its change row, and forms and views never write
change rows themselves."""

from collections.abc import Callable, Iterable

from django.db import models, transaction

from fanzha.audit.log import record_change, snapshot


def create(user, save: Callable[[], models.Model], fields: Iterable[str]) -> models.Model:
    """`save()` writes the new record and returns it; the change row holds its `fields`."""
    fields = tuple(fields)
    with transaction.atomic():
        obj = save()
        record_change(user, "create", obj, None, snapshot(obj, fields))
    return obj


def update(user, obj: models.Model, fields: Iterable[str], change: Callable[[], object]) -> models.Model:
    """`change()` alters `obj` in memory; it is then saved, its `fields` logged before and after. When
    `change()` returns a record (a serializer's or a form's save), that record is the one logged."""
    fields = tuple(fields)
    with transaction.atomic():
        before = snapshot(obj, fields)
        saved = change()
        if isinstance(saved, models.Model):
            obj = saved
        else:
            obj.save()
        record_change(user, "update", obj, before, snapshot(obj, fields))
    return obj
