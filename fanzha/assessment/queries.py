"""Published reads of the governance records, for pages above and beside this app."""

from django.db.models import Case, IntegerField, Value, When

from fanzha.assessment.models import Outcome
from fanzha.assessment.models.outcomes import OutcomeStatus


def unit_outcomes(user, org, limit: int = 20) -> list[Outcome]:
    """The 督办事项 of one unit the user may see — the rules' and the office's discretionary 约谈
    alike — open ones first, then the latest period."""
    open_first = Case(
        When(status=OutcomeStatus.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return list(
        Outcome.objects.visible_to(user)
        .filter(org=org)
        .annotate(closed=open_first)
        .order_by("closed", "-period", "kind")[:limit]
    )
