"""What a person does to governance records — enter a score, judge a criterion, act on an outcome,
move a certificate along — each validated, scoped by the caller, and written to the change log."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from fanzha.assessment.models import CriterionInput, ItemScore, Outcome
from fanzha.assessment.models.outcomes import OutcomeStatus
from fanzha.audit.log import record_change, snapshot


class EntryError(ValueError):
    pass


def parse_points(item, text) -> Decimal:
    try:
        points = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise EntryError(f"「{item.code} {item.name}」的得分「{text}」不是数字") from None
    if points < 0 or points > item.max_points:
        raise EntryError(f"「{item.code} {item.name}」的得分应在 0 到 {item.max_points:g} 之间")
    if points != points.quantize(Decimal("0.1")):
        raise EntryError(f"「{item.code} {item.name}」的得分最多保留1位小数")
    if item.all_or_nothing and points not in (0, item.max_points):
        raise EntryError(f"「{item.code} {item.name}」只能得 0 分或 {item.max_points:g} 分（全有或全无）")
    return points


@transaction.atomic
def enter_item_score(user, item, org, year: int, points_text, evidence: str) -> ItemScore:
    points = parse_points(item, points_text)
    if not evidence.strip():
        raise EntryError(f"「{item.code} {item.name}」请填写评分依据")
    score = ItemScore.objects.filter(item=item, org=org, year=year).first()
    before = snapshot(score, ["points", "evidence"]) if score else None
    if score is None:
        score = ItemScore(item=item, org=org, year=year)
    score.points, score.evidence, score.entered_by, score.entered_at = (
        points,
        evidence.strip(),
        user,
        timezone.now(),
    )
    score.save()
    record_change(
        user, "update" if before else "create", score, before, snapshot(score, ["points", "evidence"])
    )
    return score


@transaction.atomic
def enter_criterion(
    user, subject_kind: str, org, year: int, criterion: str, passed: bool, evidence: str
) -> CriterionInput:
    if not evidence.strip():
        raise EntryError("请填写评定依据或佐证材料说明")
    entry = CriterionInput.objects.filter(
        subject_kind=subject_kind, org=org, year=year, criterion=criterion
    ).first()
    before = snapshot(entry, ["passed", "evidence"]) if entry else None
    if entry is None:
        entry = CriterionInput(subject_kind=subject_kind, org=org, year=year, criterion=criterion)
    entry.passed, entry.evidence, entry.entered_by, entry.entered_at = (
        passed,
        evidence.strip(),
        user,
        timezone.now(),
    )
    entry.save()
    record_change(
        user, "update" if before else "create", entry, before, snapshot(entry, ["passed", "evidence"])
    )
    return entry


@transaction.atomic
def act_on_outcome(user, outcome: Outcome, status: str, note: str) -> Outcome:
    """签收 (acknowledge) or 办结 (close, with a note) an outcome."""
    if status not in (OutcomeStatus.ACKNOWLEDGED, OutcomeStatus.CLOSED):
        raise EntryError("只能签收或办结")
    if status == OutcomeStatus.CLOSED and not note.strip():
        raise EntryError("办结时请填写办理情况")
    if outcome.status == OutcomeStatus.CLOSED:
        raise EntryError("该事项已办结")
    before = snapshot(outcome, ["status", "note"])
    outcome.status = status
    if note.strip():
        outcome.note = note.strip()
    outcome.acted_by, outcome.acted_at = user, timezone.now()
    outcome.save()
    record_change(user, "update", outcome, before, snapshot(outcome, ["status", "note"]))
    return outcome
