"""The case ledger's rules from the plans: 分级归类 and the 查处 stage. Pure functions; their worked
examples are in cases/tests/test_grading.py."""

from fanzha.cases.choices import CaseStatus, Grade, Stage

#: the statuses whose 查处 has a result: 破案, and 撤案 (investigated and closed: not a fraud, or no case)
RESULT_STATUSES = (CaseStatus.SOLVED, CaseStatus.WITHDRAWN)
CHECKING_STATUSES = (CaseStatus.FILED,)


def grade_of(
    loss_fen: int, fraud_type: str, level1_fen: int, level2_fen: int, level1_types: frozenset
) -> int:
    """000 篇十：「通過對案件的分級歸類,實現逐案推進」. The plan names no levels; the defaults (规则参数
    `grading.*`): 一级 — loss ≥ 100万元 (含本数), or a type the county lists as 一级 (none by default);
    二级 — loss ≥ 10万元; 三级 — the others.

    >>> grade_of(100_000_000, "刷单返利", 100_000_000, 10_000_000, frozenset())   # 100万元 exactly
    1
    >>> grade_of(99_999_999, "刷单返利", 100_000_000, 10_000_000, frozenset())    # 1 fen short
    2
    >>> grade_of(500, "冒充公检法", 100_000_000, 10_000_000, frozenset({"冒充公检法"}))
    1
    >>> grade_of(9_999_999, "刷单返利", 100_000_000, 10_000_000, frozenset())
    3
    """
    if fraud_type in level1_types or loss_fen >= level1_fen:
        return Grade.FIRST
    if loss_fen >= level2_fen:
        return Grade.SECOND
    return Grade.THIRD


def stage_of(status: str) -> str:
    """000 篇十二：「做到每案必查、查有結果」. A case's 查处 stage from its status: 受理 → 未查 (accepted,
    not yet filed), 立案 → 在查, 破案 or 撤案 → 查有结果."""
    if status in RESULT_STATUSES:
        return Stage.RESULT
    if status in CHECKING_STATUSES:
        return Stage.CHECKING
    return Stage.UNCHECKED


def stage_statuses(stage: str) -> list[str]:
    """The statuses that read as `stage` (the inverse of stage_of, for filters)."""
    return [status for status in CaseStatus.values if stage_of(status) == stage]
