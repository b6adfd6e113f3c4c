"""What a person does to governance records — enter a score, judge a criterion, act on an outcome,
move a certificate along — each validated, scoped by the caller, and written to the change log."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from fanzha.assessment.certification import CRITERIA
from fanzha.assessment.models import CriterionInput, ItemScore, Notice, Outcome
from fanzha.assessment.models.certification import CertificateStatus
from fanzha.assessment.models.notices import NoticeKind
from fanzha.assessment.models.outcomes import OutcomeKind, OutcomeStatus
from fanzha.audit import actions
from fanzha.audit.log import record_change, snapshot


class EntryError(ValueError):
    pass


def _points(value: Decimal) -> str:
    return format(value.normalize(), "f")


def parse_points(item, text) -> Decimal:
    try:
        points = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise EntryError(f"「{item.code} {item.name}」的得分「{text}」不是数字") from None
    if points < 0 or points > item.max_points:
        raise EntryError(f"「{item.code} {item.name}」的得分应在 0 到 {_points(item.max_points)} 之间")
    if points != points.quantize(Decimal("0.1")):
        raise EntryError(f"「{item.code} {item.name}」的得分最多保留1位小数")
    if item.all_or_nothing and points not in (0, item.max_points):
        raise EntryError(
            f"「{item.code} {item.name}」只能得 0 分或 {_points(item.max_points)} 分（全有或全无）"
        )
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
    judged = {c.id for c in CRITERIA.get(subject_kind, []) if c.judged}
    if criterion not in judged:
        raise EntryError(f"「{criterion}」不是需要考核人评定的标准")
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


@transaction.atomic
def record_notice(user, org, data) -> Notice:
    """An office-issued 通报批评 / 约谈 / 责令整改 (ranking notices are recorded when a monthly 通报 is issued)."""

    kind = data.get("kind", "")
    if kind not in NoticeKind.values or kind == NoticeKind.RANKING:
        raise EntryError("请选择类型：通报批评、约谈或责令整改")
    try:
        issued = date.fromisoformat(data.get("issued_on", ""))
    except ValueError:
        raise EntryError("「通报日期」请按 2024-03-05 的格式填写") from None
    reason = (data.get("reason") or "").strip()
    if not reason:
        raise EntryError("请填写「事由」")
    notice = Notice.objects.create(
        org=org,
        kind=kind,
        period=f"{issued:%Y-%m}",
        issued_on=issued,
        by_creation_group=data.get("by_creation_group") in ("1", "on", "true", True),
        reason=reason[:300],
        created_by=user,
    )
    record_change(
        user,
        "create",
        notice,
        None,
        snapshot(notice, ["org", "kind", "issued_on", "reason", "by_creation_group"]),
    )
    return notice


@transaction.atomic
def review_certificate(user, certificate) -> None:
    if certificate.status != CertificateStatus.COMPUTED:
        raise EntryError("只有“已测算”的结果可以审核")
    if any(c["passed"] is None for c in certificate.criteria):
        raise EntryError("还有标准待评定，不能审核")
    before = snapshot(certificate, ["status"])
    certificate.status, certificate.reviewed_by, certificate.reviewed_at = (
        CertificateStatus.REVIEWED,
        user,
        timezone.now(),
    )
    certificate.save()
    record_change(user, "update", certificate, before, snapshot(certificate, ["status"]))


@transaction.atomic
def publish_certificates(user, subject_kind: str, year: int, visible) -> int:
    """公布名单: every reviewed result of the year becomes published (certified or not). Nothing is
    published before the year is measured (测算) and at least one result reviewed (审核)."""
    results = visible.filter(subject_kind=subject_kind, year=year)
    if not results.exists():
        raise EntryError(f"{year}年尚未测算，不能公布")
    if not results.filter(status=CertificateStatus.REVIEWED).exists():
        raise EntryError("没有已审核的结果：请先逐个审核，再公布")
    published = 0
    for certificate in visible.filter(
        subject_kind=subject_kind, year=year, status=CertificateStatus.REVIEWED
    ):
        before = snapshot(certificate, ["status"])
        certificate.status, certificate.published_at = CertificateStatus.PUBLISHED, timezone.now()
        certificate.save()
        record_change(user, "update", certificate, before, snapshot(certificate, ["status"]))
        published += 1
    return published


@transaction.atomic
def revoke_certificate(user, certificate, note: str) -> None:
    if certificate.status != CertificateStatus.REVOCATION_FLAGGED:
        raise EntryError("只有“待撤销”的结果可以撤销")
    before = snapshot(certificate, ["status", "flag_reason"])
    certificate.status = CertificateStatus.REVOKED
    certificate.flag_reason = f"{certificate.flag_reason}\n撤销说明：{note.strip()}".strip()
    certificate.save()
    record_change(user, "update", certificate, before, snapshot(certificate, ["status", "flag_reason"]))


def set_service_duties(user, org, value: bool) -> None:
    """具有服务管理职责: whether 003 无诈单位 标准4 applies to a member unit, set by whoever may change
    units (`orgs.change_orgunit`), audited like any other change of the unit."""
    if not user.has_perm("orgs.change_orgunit"):
        raise EntryError("您没有修改单位信息的权限")
    if org.has_service_duties == value:
        return
    actions.update(user, org, ["has_service_duties"], lambda: setattr(org, "has_service_duties", value))


#: whose 一把手 the office may interview at its discretion (000: 「對社區“一把手”進行約談」)
INTERVIEWED_KINDS = ("member_unit", "village", "community")
OUTCOME_AUDIT = ("kind", "org", "period", "reason", "notice", "status")


def record_interview(user, org, notice, on: date, reason: str) -> Outcome:
    """约谈一把手 at the office's discretion: a 督办事项 like the rules' 约谈 (签收, 办结), for a member
    unit, village or community, citing the 通报 record that named it; one per unit and month."""
    if org.kind not in INTERVIEWED_KINDS:
        raise EntryError("约谈一把手只适用于成员单位和村（社区）")
    if notice is None:
        raise EntryError("请选择所依据的通报")
    if notice.org_id != org.pk:
        raise EntryError(f"所选通报不是对「{org.display_name}」的通报")
    reason = reason.strip()
    if not reason:
        raise EntryError("请填写约谈事由")
    period = f"{on:%Y-%m}"
    if Outcome.objects.filter(
        kind=OutcomeKind.INTERVIEW_HEAD, org=org, period=period, case__isnull=True
    ).exists():
        raise EntryError(f"「{org.display_name}」{on.year}年{on.month}月已记录约谈一把手")
    cited = notice.document or f"{notice.get_kind_display()}（{notice.issued_on:%Y-%m-%d}）"
    basis = (
        notice.reason
        if notice.document and notice.document in notice.reason
        else f"依据{cited}，{notice.reason}"
    )
    text = f"{basis}；{on.year}年{on.month}月{on.day}日约谈一把手：{reason}"

    def save():
        return Outcome.objects.create(
            kind=OutcomeKind.INTERVIEW_HEAD,
            org=org,
            period=period,
            reason=text,
            notice=notice,
            figures={"约谈日期": on.isoformat(), "酌情": True},
        )

    return actions.create(user, save, OUTCOME_AUDIT)
