"""分级归类 over the ledger: every case's grade, derived in the database from the same readings as
rules.grade_of (one UPDATE for any number of cases).

The grade is written when a case is saved (services.save_case), when an import finishes (for every
created or updated row) and, for the whole ledger, when a `grading.*` rule parameter changes. A grade
the county office set by hand (grade_override) wins over the derived one and survives all three."""

import re
from dataclasses import dataclass

from django.db.models import Case as Choose
from django.db.models import F, Q, Value, When

from fanzha.cases import rules
from fanzha.cases.choices import Grade
from fanzha.cases.models import Case, FraudType
from fanzha.core.money import FEN_PER_YUAN
from fanzha.imports.bulk import IN_BATCH
from fanzha.parameters import config

PARAMETERS = ("grading.level1_yuan", "grading.level2_yuan", "grading.level1_types")


@dataclass(frozen=True)
class Levels:
    level1_fen: int
    level2_fen: int
    level1_types: frozenset

    @staticmethod
    def _wan(fen: int) -> str:
        yuan = fen // FEN_PER_YUAN
        return f"{yuan // 10_000}万元" if yuan % 10_000 == 0 else f"{yuan:,}元"

    @property
    def level1_text(self) -> str:
        return self._wan(self.level1_fen)

    @property
    def level2_text(self) -> str:
        return self._wan(self.level2_fen)

    @property
    def types_text(self) -> str:
        return "、".join(sorted(self.level1_types))

    def grade_of(self, loss_fen: int, fraud_type: str) -> int:
        return rules.grade_of(loss_fen, fraud_type, self.level1_fen, self.level2_fen, self.level1_types)


def levels(settings: dict | None = None) -> Levels:
    """The levels in force (规则参数 grading.*)."""
    settings = settings or config.current()
    names = re.split(r"[、,，;；\s]+", settings["grading.level1_types"] or "")
    return Levels(
        int(settings["grading.level1_yuan"]) * FEN_PER_YUAN,
        int(settings["grading.level2_yuan"]) * FEN_PER_YUAN,
        frozenset(n for n in names if n),
    )


def unknown_types(current: Levels) -> list[str]:
    """Types named in the parameter that the taxonomy does not have (they grade nothing)."""
    known = set(FraudType.objects.filter(name__in=current.level1_types).values_list("name", flat=True))
    return sorted(current.level1_types - known)


def _derived(current: Levels):
    type_ids = list(FraudType.objects.filter(name__in=current.level1_types).values_list("id", flat=True))
    return Choose(
        When(grade_override__isnull=False, then=F("grade_override")),
        When(Q(fraud_type_id__in=type_ids) | Q(loss_fen__gte=current.level1_fen), then=Value(Grade.FIRST)),
        When(loss_fen__gte=current.level2_fen, then=Value(Grade.SECOND)),
        default=Value(Grade.THIRD),
    )


def regrade(case_ids: list[int] | None = None) -> int:
    """Write the grade of these cases (None: every case); returns how many grades changed."""
    expression = _derived(levels())
    stale = Q(grade__isnull=True) | ~Q(grade=expression)  # only the rows whose grade changes are written
    if case_ids is None:
        return Case.objects.filter(stale).update(grade=expression)
    written = 0
    for start in range(0, len(case_ids), IN_BATCH):
        batch = case_ids[start : start + IN_BATCH]
        written += Case.objects.filter(stale, pk__in=batch).update(grade=expression)
    return written


def regrade_on_new_levels(sender, key, **kwargs) -> None:
    """parameter_changed: a new level regrades the whole ledger (hand-set grades stay)."""
    if key in PARAMETERS:
        regrade()
