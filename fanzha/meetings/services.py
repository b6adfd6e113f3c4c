"""The meeting actions: register a meeting, edit it and its minutes, hold it (the tabled figures are
frozen then), record a decision (it becomes a duty of the unit, through prevention's action), and
correct the holiday calendar. Each is atomic and audited."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from fanzha.audit import actions
from fanzha.core import clock
from fanzha.core.periods import BEIJING, Period, PeriodError
from fanzha.meetings.figures import tabled_figures
from fanzha.meetings.models import DayKind, Decision, HolidayOverride, Meeting, MeetingState
from fanzha.orgs.scope import covers
from fanzha.prevention import duties

MEETING_AUDIT = (
    "kind",
    "held_on",
    "title",
    "venue",
    "chair",
    "figures_month",
    "attendee_people",
    "minutes",
    "state",
)
DECISION_AUDIT = ("meeting", "text", "org", "deadline", "duty")


class MeetingError(ValueError):
    pass


@dataclass
class MeetingInput:
    kind: str
    held_on: date
    title: str
    figures_month: str
    venue: str = ""
    chair: str = ""
    attendee_units: list = field(default_factory=list)
    attendee_people: str = ""
    minutes: str = ""


def _month(text: str) -> Period:
    try:
        period = Period.parse(text)
    except PeriodError:
        period = None
    if period is None or period.months != 1:
        raise MeetingError(f"研判月份「{text}」应写作 2026-11")
    return period


def _check(user, org, data: MeetingInput) -> None:
    if not covers(user, org):
        raise MeetingError("只能登记本单位召集的会议")
    _month(data.figures_month)
    if not data.title.strip():
        raise MeetingError("请填写会议名称")
    outside = [u.name for u in data.attendee_units if not covers(user, u)]
    if outside:
        raise MeetingError(f"参会单位「{outside[0]}」不在本单位辖区内")


@transaction.atomic
def register(user, org, data: MeetingInput) -> Meeting:
    _check(user, org, data)

    def save():
        meeting = Meeting.objects.create(
            org=org,
            kind=data.kind,
            held_on=data.held_on,
            title=data.title.strip(),
            venue=data.venue,
            chair=data.chair,
            figures_month=str(_month(data.figures_month)),
            attendee_people=data.attendee_people.strip(),
            minutes=data.minutes.strip(),
            created_by=user,
        )
        meeting.attendee_units.set(data.attendee_units)
        return meeting

    return actions.create(user, save, MEETING_AUDIT)


@transaction.atomic
def edit(user, meeting: Meeting, data: MeetingInput) -> Meeting:
    """Date, title, attendees and minutes; a held meeting keeps its kind, month and tabled figures."""
    _check(user, meeting.org, data)
    if meeting.is_held and (
        data.kind != meeting.kind or str(_month(data.figures_month)) != meeting.figures_month
    ):
        raise MeetingError("会议已召开：会议类型和研判月份不能再改")

    def apply():
        meeting.kind, meeting.held_on, meeting.title = data.kind, data.held_on, data.title.strip()
        meeting.venue, meeting.chair = data.venue, data.chair
        meeting.figures_month = str(_month(data.figures_month))
        meeting.attendee_people, meeting.minutes = data.attendee_people.strip(), data.minutes.strip()
        meeting.save()
        meeting.attendee_units.set(data.attendee_units)

    return actions.update(user, meeting, MEETING_AUDIT, apply)


@transaction.atomic
def hold(user, meeting: Meeting) -> Meeting:
    """确认召开: the figures of the month are generated now and kept with the meeting."""
    if meeting.is_held:
        raise MeetingError("会议已确认召开")
    today = clock.now().astimezone(BEIJING).date()
    if meeting.held_on > today:
        raise MeetingError(f"会议日期（{meeting.held_on:%Y-%m-%d}）未到，不能确认召开")
    figures = tabled_figures(meeting.org, _month(meeting.figures_month))

    def apply():
        meeting.figures, meeting.state, meeting.held_at = figures, MeetingState.HELD, clock.now()

    return actions.update(user, meeting, (*MEETING_AUDIT, "held_at"), apply)


@transaction.atomic
def decide(user, meeting: Meeting, org, text: str, deadline: date) -> Decision:
    """A decision (议定事项) assigned to a unit with a deadline: a duty of that unit (成员单位任务), which
    it reports on and the office accepts or returns like any other."""
    text = text.strip()
    if not text:
        raise MeetingError("请填写议定事项")
    if not covers(user, org):
        raise MeetingError(f"责任单位「{org.name}」不在本单位辖区内")
    if deadline < meeting.held_on:
        raise MeetingError("完成时限不能早于会议日期")
    try:
        duty = duties.assign_duty(
            user, org, text, deadline, detail=f"{meeting.title}（{meeting.held_on:%Y-%m-%d}）议定事项"
        )
    except duties.DutyError as error:
        raise MeetingError(str(error)) from None

    def save():
        return Decision.objects.create(meeting=meeting, text=text, org=org, deadline=deadline, duty=duty)

    return actions.create(user, save, DECISION_AUDIT)


@transaction.atomic
def correct_day(user, day: date, kind: str, note: str) -> HolidayOverride:
    """The office corrects one day of the holiday calendar (a 调休 the library lacks, a local holiday),
    or withdraws its correction; the earlier rows stay as the day's history."""
    if kind not in DayKind.values:
        raise MeetingError("请选择更正为工作日、节假日或撤销更正")
    if not note.strip():
        raise MeetingError(f"{day:%Y-%m-%d}：请写明更正依据（如国务院办公厅放假通知）")

    def save():
        return HolidayOverride.objects.create(day=day, kind=kind, note=note.strip(), changed_by=user)

    return actions.create(user, save, ("day", "kind", "note"))
