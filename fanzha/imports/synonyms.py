"""Choice synonyms (选项同义词): the words a centre's ledgers write in a choice column — 在侦 and 侦办中
for 立案, 已破 for 破案, 企业职工 for 在编职工 — each mapped to the choice it means. Each importer names
its choice columns (`Importer.choice_columns`); the import reads the synonyms once (synonym_table) and
adds them to the column's own words. Edited on the import page (audited), seeded with common ones."""

from dataclasses import dataclass

from fanzha.core.text import normalize
from fanzha.imports import registry
from fanzha.imports.models import ChoiceSynonym, ImportKind


def synonym_table(kind: str) -> dict[str, dict[str, str]]:
    """canonical column → {normalized word → choice value}, for one import kind."""
    table: dict[str, dict[str, str]] = {}
    for column, word, value in ChoiceSynonym.objects.filter(kind=kind).values_list("column", "word", "value"):
        table.setdefault(column, {})[normalize(word)] = value
    return table


@dataclass(frozen=True)
class ChoiceColumn:
    kind: str
    column: str
    options: tuple[tuple[str, str], ...]  # (value, label)

    @property
    def kind_label(self) -> str:
        return ImportKind(self.kind).label

    def label_of(self, value: str) -> str:
        return dict(self.options).get(value, value)


def choice_columns() -> list[ChoiceColumn]:
    """Every registered import kind's choice columns, in the registry's order."""
    found = []
    for kind, importer in registry.CLASSES.items():
        for column, choices in importer.choice_columns.items():
            found.append(ChoiceColumn(kind, column, tuple(choices.choices)))
    return found


def target_key(kind: str, column: str, value: str) -> str:
    """One select option names kind, column and choice at once."""
    return f"{kind}|{column}|{value}"
