"""Actions on the import settings a centre edits: choice synonyms (each write audited, in one transaction)."""

from django.db import transaction

from fanzha.audit import actions
from fanzha.audit.log import record_change, snapshot
from fanzha.imports.models import ChoiceSynonym

SYNONYM_FIELDS = ("kind", "column", "word", "value")


def add_synonym(user, kind: str, column: str, word: str, value: str) -> ChoiceSynonym:
    return actions.create(
        user,
        lambda: ChoiceSynonym.objects.create(kind=kind, column=column, word=word, value=value),
        SYNONYM_FIELDS,
    )


def remove_synonym(user, synonym: ChoiceSynonym) -> None:
    with transaction.atomic():
        record_change(user, "delete", synonym, snapshot(synonym, SYNONYM_FIELDS), None)
        synonym.delete()
