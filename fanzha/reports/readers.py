"""What a reader gets when asking for a 通报 of a period, in the UI, the API or the command line. The
county office gets the archived original of an issued period. Below the county the 通报 is written now:
it is county-wide (every unit's figures and rankings), but a case number names a case, so the numbers
of 倒查 cases the reader may not see are left out."""

import copy
import dataclasses

from fanzha.cases.models import Case
from fanzha.core.periods import DateRange, Period
from fanzha.orgs.scope import sees_everything
from fanzha.reports.cadences import Cadence
from fanzha.reports.content import Content, draft_content
from fanzha.reports.models import Bulletin
from fanzha.reports.monthly import MonthlyReport, build_report
from fanzha.reports.services import issued

OUT_OF_SCOPE = "（辖区外案件）"


def for_reader(report: MonthlyReport, user) -> MonthlyReport:
    if sees_everything(user):
        return report
    ids = [outcome.case_id for outcome in report.reviews]
    visible = set(Case.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    reviews = []
    for outcome in report.reviews:
        if outcome.case_id not in visible:
            outcome = copy.copy(outcome)  # an unsaved copy for the document, the record unchanged
            outcome.case = copy.copy(outcome.case)
            outcome.case.case_number = OUT_OF_SCOPE
        reviews.append(outcome)
    return dataclasses.replace(report, reviews=reviews)


def document_for(user, cadence: Cadence, period: Period | DateRange) -> tuple[Content, Bulletin | None]:
    """(the content, the issued 通报 when it is the archived one)."""
    archived = issued(cadence.key, str(period)) if sees_everything(user) else None
    if archived is not None:
        return Content.from_json(archived.figures), archived
    return draft_content(for_reader(build_report(cadence, period), user)), None
