"""Change records as people read them: the model's and fields' Chinese names, personal data masked.

A model may declare `AUDIT_LABELS` (field → label, for keys that are not fields or whose stored
form differs from the field's unit) and `PERSONAL_DATA` (what to mask: see audit/personal.py)."""

from datetime import datetime

from django.apps import apps
from django.db import models

from fanzha.audit.models import ObjectChange
from fanzha.audit.personal import masked
from fanzha.core.periods import beijing_text


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(change: ObjectChange) -> str:
    model = _model(change.model)
    return str(model._meta.verbose_name) if model else change.model


def readable_changes(change: ObjectChange, reveal: bool = False) -> list[tuple[str, object, object]]:
    """(label, before, after) of each changed field; masked unless `reveal`."""
    model = _model(change.model)
    labels = getattr(model, "AUDIT_LABELS", {})
    rows = []
    for name, before, after in change.changed_fields():
        if name in labels:
            label = labels[name]
        else:
            try:
                label = str(model._meta.get_field(name).verbose_name) if model else name
            except Exception:  # a key that is not a field (e.g. a summary value)
                label = name
        if not reveal:
            before, after = masked(model, name, before), masked(model, name, after)
        field = _field(model, name)
        rows.append((label, shown(field, before), shown(field, after)))
    return rows


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except Exception:  # a key that is not a field
        return None


def shown(field, value):
    """A stored value as a person reads it: a choice's label (已签收, not signed), a unit or other
    record by its name (not its id), 是/否, a time in Beijing time to the minute (not UTC with
    microseconds). Masked values and free text stay as they are."""
    if value is None or value == "":
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and not field.concrete:  # a reverse relation's summary text
        field = None
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and field.many_to_one and isinstance(value, int):
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    if isinstance(value, str) and (field is None or isinstance(field, models.DateTimeField)):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            return beijing_text(moment)
    return value
