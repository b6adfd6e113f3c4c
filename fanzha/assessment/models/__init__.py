"""Records of the governance engine. Indicators are computed from the ledgers; the one stored copy of
ledger figures is MonthTally, a cache of each unit's monthly counts that the cases' triggers mark stale
(DirtyMonth) and the next reader recomputes — never a source. Otherwise what is stored is
configuration (versioned), what a person entered (assessor scores, evidence) and what a rule produced
that a person acts on (outcomes, notices, certificates, and the certification results it computed)."""

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
