"""A 倒查 resolved with 约谈 or 通报批评 (一案双查, warnings/followups.py) is a Notice of the unit: it
counts towards 挂牌整治 and, where the office marks it so, 无诈单位 criterion 4."""

from django.utils import timezone

from fanzha.assessment.models import Notice
from fanzha.assessment.models.notices import NoticeKind

#: the review outcomes that are notices, and their kind
NOTICE_OF_OUTCOME = {"interview": NoticeKind.INTERVIEW, "criticism": NoticeKind.CRITICISM}


def record_notice(sender, user, review, when, **kwargs) -> None:
    """Receiver of `warnings.signals.review_resolved`: link the review to its Notice."""
    kind = NOTICE_OF_OUTCOME.get(review.outcome)
    if kind is None:
        return
    review.notice = Notice.objects.create(
        org=review.org,
        kind=kind,
        period=review.follow_up.period,
        issued_on=timezone.localdate(when),
        reason=f"一案双查：案件{review.follow_up.case.case_number}受害人未接受防骗宣传教育",
        created_by=user,
    )
