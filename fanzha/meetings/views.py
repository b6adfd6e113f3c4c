"""The meeting pages: the list (with the next 研判会商's date), a new meeting pre-filled with the rule's
date, a meeting with its figures, minutes and decisions (each decision's duty state), the 纪要 in Word,
and the holiday calendar's year view with the office's corrections. Every meeting is read through
`Meeting.objects.visible_to(user)`: one outside the reader's subtree is a 404."""

import io
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanzha.core.periods import Period
from fanzha.meetings import queries, services, workdays
from fanzha.meetings.figures import tabled_figures
from fanzha.meetings.forms import CorrectionForm, DecisionForm, MeetingForm, grouped_choices
from fanzha.meetings.minutes import minutes_docx
from fanzha.meetings.models import HolidayOverride, Meeting, MeetingKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meetings(request):
    return Meeting.objects.visible_to(request.user).select_related("org")


def _input(data: dict) -> services.MeetingInput:
    return services.MeetingInput(
        kind=data["kind"],
        held_on=data["held_on"],
        title=data["title"],
        figures_month=data["figures_month"],
        venue=data["venue"],
        chair=data["chair"],
        attendee_units=list(data["attendee_units"]),
        attendee_people=data["attendee_people"],
        minutes=data["minutes"],
    )


@login_required
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_list(request):
    kind = request.GET.get("kind", "")
    meetings = _meetings(request).prefetch_related("decisions__duty")
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    else:
        kind = ""
    today = queries.today()
    rows = []
    for meeting in meetings[:200]:
        decisions = list(meeting.decisions.all())
        late = sum(1 for d in decisions if d.duty and d.duty.is_overdue(today))
        done = sum(1 for d in decisions if d.duty and d.duty.status == "accepted")
        rows.append((meeting, len(decisions), done, late))
    context = {
        "rows": rows,
        "kind": kind,
        "kinds": MeetingKind.choices,
        "next": queries.next_consultation(today),
    }
    return render(request, "meetings/list.html", context)


def _defaults(kind: str) -> dict:
    upcoming = queries.next_consultation()
    day = upcoming.day if kind == MeetingKind.CONSULTATION else queries.today()
    month = Period.month_of(day).previous()
    name = "研判会商" if kind == MeetingKind.CONSULTATION else "联席会议"
    return {
        "kind": kind,
        "held_on": day,
        "figures_month": str(month),
        "title": f"{day.year}年{day.month}月{name}",
    }


def _unit_groups(form) -> dict:
    groups = grouped_choices(form["attendee_units"])
    chosen = {str(v) for v in (form["attendee_units"].value() or [])}
    members = dict(groups).get("成员单位", [])
    return {"unit_groups": groups, "chosen_members": any(str(b.data["value"]) in chosen for b in members)}


@login_required
@permission_required("meetings.add_meeting", raise_exception=True)
def meeting_new(request):
    kind = request.GET.get("kind", MeetingKind.CONSULTATION)
    kind = kind if kind in MeetingKind.values else MeetingKind.CONSULTATION
    form = MeetingForm(request.POST or None, user=request.user, initial=_defaults(kind))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.register(request.user, request.user.org, _input(form.cleaned_data))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "会议已登记")
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"form": form, "next": queries.next_consultation(), "editing": None, **_unit_groups(form)}
    return render(request, "meetings/form.html", context)


@login_required
@permission_required("meetings.change_meeting", raise_exception=True)
def meeting_edit(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    initial = {
        "kind": meeting.kind,
        "held_on": meeting.held_on,
        "title": meeting.title,
        "figures_month": meeting.figures_month,
        "venue": meeting.venue,
        "chair": meeting.chair,
        "attendee_units": list(meeting.attendee_units.all()),
        "attendee_people": meeting.attendee_people,
        "minutes": meeting.minutes,
    }
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit(request.user, meeting, _input(form.cleaned_data))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "已保存")
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"form": form, "next": queries.next_consultation(), "editing": meeting, **_unit_groups(form)}
    return render(request, "meetings/form.html", context)


def _detail_context(request, meeting, decision_form=None) -> dict:
    today = queries.today()
    decisions = [
        (d, d.duty is not None and d.duty.is_overdue(today))
        for d in meeting.decisions.select_related("org", "duty")
    ]
    figures = meeting.figures
    if figures is None:
        figures = tabled_figures(meeting.org, Period.parse(meeting.figures_month))
    return {
        "meeting": meeting,
        "figures": figures,
        "preview": meeting.figures is None,
        "units": meeting.attendee_units.order_by("kind", "code"),
        "people": [p for p in meeting.attendee_people.splitlines() if p.strip()],
        "decisions": decisions,
        "decision_form": decision_form
        or DecisionForm(user=request.user, initial={"deadline": meeting.held_on + timedelta(days=30)}),
    }


@login_required
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_detail(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@login_required
@permission_required("meetings.change_meeting", raise_exception=True)
@require_POST
def meeting_hold(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    try:
        services.hold(request.user, meeting)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已确认召开，会上通报的数据已固定")
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@permission_required("meetings.change_meeting", raise_exception=True)
@require_POST
def meeting_decide(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    form = DecisionForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(request.user, meeting, data["org"], data["text"], data["deadline"])
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"议定事项已交办{data['org'].name}，列入成员单位任务")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting, form), status=400)


@login_required
@permission_required("meetings.view_meeting", raise_exception=True)
def meeting_minutes(request, pk):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    name = f"{meeting.title}纪要.docx"
    return FileResponse(
        io.BytesIO(minutes_docx(meeting)), as_attachment=True, filename=name, content_type=DOCX
    )


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = queries.today().year
    return year if 2000 <= year <= 2100 else queries.today().year


def _months(year: int) -> list[dict]:
    days = workdays.year_days(year)
    months = []
    for month in range(1, 13):
        in_month = [d for d in days if d.day.month == month]
        lead = [None] * in_month[0].day.weekday()
        cells = lead + in_month
        cells += [None] * (-len(cells) % 7)
        weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
        months.append({"label": f"{month}月", "weeks": weeks})
    return months


def _calendar_context(request, year: int, form=None) -> dict:
    meeting_days = set()
    calendar = workdays.Calendar.around(date(year, 1, 1), days=430)
    for month in range(1, 13):
        meeting_days.add(queries.consultation_day(year, month, calendar))
    history = HolidayOverride.objects.filter(day__year=year).select_related("changed_by").order_by("-id")
    return {
        "year": year,
        "months": _months(year),
        "covered": workdays.covered(year),
        "library": workdays.LIBRARY_NAME,
        "library_last": workdays.LIBRARY_LAST_YEAR,
        "meeting_days": meeting_days,
        "history": history,
        "form": form or CorrectionForm(initial={"day": date(year, 1, 1)}),
        "weekdays": "一二三四五六日",
    }


@login_required
@permission_required("meetings.view_holidayoverride", raise_exception=True)
def holiday_calendar(request):
    """节假日日历: a year's days as the rule reads them, the 研判会商 of each month marked."""
    return render(request, "meetings/calendar.html", _calendar_context(request, _year(request)))


@login_required
@permission_required("meetings.add_holidayoverride", raise_exception=True)
@require_POST
def holiday_correct(request):
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_day(request.user, data["day"], data["kind"], data["note"])
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{data['day']:%Y-%m-%d} 已更正")
            return redirect(f"{reverse('meetings:calendar')}?year={data['day'].year}")
    year = form.cleaned_data["day"].year if form.is_valid() else _year(request)
    return render(request, "meetings/calendar.html", _calendar_context(request, year, form), status=400)
