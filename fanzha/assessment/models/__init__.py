"""Records of the governance engine. Indicators themselves are never stored: they are computed from
the ledgers. What is stored is configuration (versioned), what a person entered (assessor scores,
evidence) and what a rule produced that a person acts on (outcomes, notices, certificates)."""

from fanzha.assessment.models.campaigns import Campaign, Phase, Target
from fanzha.assessment.models.certification import Certificate, CriterionInput
from fanzha.assessment.models.monthtally import DirtyMonth, MonthTally
from fanzha.assessment.models.notices import Notice
from fanzha.assessment.models.outcomes import Outcome
from fanzha.assessment.models.schemes import ItemScore, Scheme, SchemeItem, SchemePart

__all__ = [
    "Campaign",
    "Certificate",
    "CriterionInput",
    "DirtyMonth",
    "ItemScore",
    "MonthTally",
    "Notice",
    "Outcome",
    "Phase",
    "Scheme",
    "SchemeItem",
    "SchemePart",
    "Target",
]
