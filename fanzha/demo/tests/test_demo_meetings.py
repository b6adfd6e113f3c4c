"""The demo's meetings on the suite's county: two held 研判会商 on the rule's dates, the next one planned,
a 联席会议, and three decisions as duties (one accepted, one late, one open)."""

from datetime import date, datetime

from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.demo import meetings as demo_meetings
from fanzha.meetings.models import Meeting
from fanzha.prevention.models import DutyStatus


def test_demo_meetings(county, users):
    with clock.frozen(datetime(2026, 12, 7, 10, 0, tzinfo=BEIJING)):
        demo_meetings.create(users["county_admin"])
        today = date(2026, 12, 7)
        consultations = Meeting.objects.filter(kind="consultation").order_by("held_on")
        assert [(m.held_on, m.state, m.figures_month) for m in consultations] == [
            (date(2026, 10, 20), "held", "2026-09"),
            (date(2026, 11, 20), "held", "2026-10"),
            (date(2026, 12, 21), "planned", "2026-11"),  # Sunday the 20th → Monday
        ]
        duties = [d.duty for m in consultations for d in m.decisions.order_by("id")]
        assert [(d.status, d.is_overdue(today)) for d in duties] == [
            (DutyStatus.ACCEPTED, False),
            (DutyStatus.OPEN, True),
            (DutyStatus.OPEN, False),
        ]
        assert Meeting.objects.get(kind="joint").state == "held"
