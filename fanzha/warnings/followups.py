"""回访 and 一案双查 (docs/warnings.md; 002 方案1).

Each period a share of the cases is drawn at random for a call-back (「随机抽查回访报警当事人接受防骗宣传
教育的具体情况」). The call-back records whether the victim had received outreach and in what form,
pre-filled from the household-visit ledger when the victim's household is found there. When the
victim had not (「对确未接受防骗宣传教育的，将倒查责任」), a 倒查 is opened against each responsible
unit — the territory (the village where the case happened) and the employer (a member unit) — and
the office resolves it with 约谈 / 通报批评 (「约谈相关单位部门负责人，并通报批评」), recorded as a Notice."""

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core import clock
from fanzha.core.rounding import round_half_up
from fanzha.prevention import queries as outreach
from fanzha.warnings.models import (
    AccountabilityReview,
    FollowUp,
    ReceivedOutreach,
    ReviewBasis,
    ReviewOutcome,
)
from fanzha.warnings.signals import review_resolved

# the forms of outreach a call-back can name (宣传形式)
FORMS = {
    "visit": "入户宣传（当面讲解）",
    "card": "警民防骗卡",
    "pledge": "承诺书",
    "app": "国家反诈中心App",
    "sms": "防骗短信",
    "wechat": "反诈微信群",
    "activity": "集中宣传活动",
    "other": "其他",
}
FOLLOWUP_AUDIT = ("received", "forms", "visit", "note", "done_at")


class FollowUpError(ValueError):
    pass


def sample_size(cases: int, pct: int) -> int:
    """pct % of the period's cases, 四舍五入, and at least one when there are any."""
    if cases == 0:
        return 0
    return max(1, int(round_half_up(Decimal(cases) * pct / 100, 0)))


@transaction.atomic
def draw_sample(period, pct: int, user=None, seed: str | None = None) -> list[FollowUp]:
    """Draw this period's call-backs among cases not drawn before. The draw is reproducible from the
    period (or `seed`), so a re-run adds nothing and an inspector can repeat it."""
    pool = list(
        Case.objects.filter(reported_at__gte=period.start, reported_at__lt=period.end)
        .order_by("id")
        .values_list("id", flat=True)
    )
    already = set(FollowUp.objects.filter(case_id__in=pool).values_list("case_id", flat=True))
    wanted = sample_size(len(pool), pct) - len(already & set(pool))
    candidates = [case_id for case_id in pool if case_id not in already]
    if wanted <= 0 or not candidates:
        return []
    chosen = random.Random(seed or str(period)).sample(candidates, min(wanted, len(candidates)))
    cases = list(Case.objects.filter(id__in=chosen).order_by("id"))
    visits = outreach.last_visits(
        [(c.victim_phone, c.place_id, c.victim_name, timezone.localdate(c.reported_at)) for c in cases]
    )
    created = []
    for case, visit in zip(cases, visits, strict=True):
        follow_up = FollowUp.objects.create(
            case=case, period=str(period), visit=visit, sampled_at=clock.now()
        )
        audit.record_change(
            user, "create", follow_up, None, {"case": case.case_number, "period": str(period)}
        )
        created.append(follow_up)
    return created


def suggested_forms(follow_up: FollowUp) -> list[str]:
    """What the matched household visit already shows (pre-fill; the caller confirms)."""
    visit = follow_up.visit
    if visit is None:
        return []
    forms = ["visit"] if visit.face_to_face else []
    forms += [
        name
        for name, done in (
            ("card", visit.card_issued),
            ("pledge", visit.pledge_signed),
            ("app", visit.app_installed),
        )
        if done
    ]
    return forms or ["other"]


@transaction.atomic
def record(
    user, follow_up: FollowUp, received: str, forms: list[str], note: str = ""
) -> list[AccountabilityReview]:
    """The call-back's answer; when the victim received no outreach, open a 倒查 per responsible unit."""
    if received not in ReceivedOutreach.values:
        raise FollowUpError("请选择是否接受过宣传")
    unknown = [f for f in forms if f not in FORMS]
    if unknown:
        raise FollowUpError(f"无法识别的宣传形式：{'、'.join(unknown)}")
    if received == ReceivedOutreach.YES and not forms:
        raise FollowUpError("接受过宣传的，请选择宣传形式")
    before = audit.snapshot(follow_up, FOLLOWUP_AUDIT)
    follow_up.received, follow_up.forms, follow_up.note = received, forms if received == "yes" else [], note
    follow_up.done_at, follow_up.done_by = clock.now(), user
    follow_up.save()
    audit.record_change(user, "update", follow_up, before, audit.snapshot(follow_up, FOLLOWUP_AUDIT))
    if received != ReceivedOutreach.NO:
        return []
    case = follow_up.case
    reviews = []
    for org_id, basis in ((case.place_id, ReviewBasis.TERRITORY), (case.employer_id, ReviewBasis.EMPLOYER)):
        if org_id is None:
            continue
        review, created = AccountabilityReview.objects.get_or_create(
            follow_up=follow_up, org_id=org_id, defaults={"basis": basis, "opened_at": clock.now()}
        )
        if created:
            audit.record_change(user, "create", review, None, {"case": case.case_number, "basis": basis})
        reviews.append(review)
    return reviews


@transaction.atomic
def resolve(user, review: AccountabilityReview, outcome: str, note: str) -> AccountabilityReview:
    """The office's decision. 约谈 and 通报批评 become Notices of the unit: the assessment floor hears
    `review_resolved` and records them (assessment/reviews.py)."""
    if review.resolved_at is not None:
        raise FollowUpError("该倒查已办结")
    if outcome not in ReviewOutcome.values:
        raise FollowUpError("请选择处理结果")
    if not note.strip():
        raise FollowUpError("请填写处理意见")
    now = clock.now()
    before = audit.snapshot(review, ("outcome", "note", "resolved_at"))
    review.outcome, review.note, review.resolved_at, review.resolved_by = outcome, note.strip(), now, user
    review_resolved.send(AccountabilityReview, user=user, review=review, when=now)
    review.save()
    audit.record_change(
        user, "update", review, before, audit.snapshot(review, ("outcome", "note", "resolved_at"))
    )
    return review
