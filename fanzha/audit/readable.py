"""Change records as people read them: the model's and fields' Chinese names, personal data masked.

A model may declare `AUDIT_LABELS` (field → label, for keys that are not fields or whose stored
form differs from the field's unit) and `PERSONAL_DATA` (what to mask: see audit/personal.py)."""

from django.apps import apps

from fanzha.audit.models import ObjectChange
from fanzha.audit.personal import masked


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
        rows.append((label, before, after))
    return rows
