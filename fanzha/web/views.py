"""The home page: what each role starts its day with. The county office (and the towns) keep the
dashboard and the next 研判会商; a member unit's liaison sees their unit's duties, the overdue ones first; a station officer
sees orders, deadlines (止付冻结, warnings) and 回访 due; a grid worker sees their to-do and their
village's coverage. Each block reads an app's published queries."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fanzha.accounts.roles import Role
from fanzha.assessment.dashboard import by_type, dashboard, headline
from fanzha.cases.drill import cases_url
from fanzha.core import clock
from fanzha.core.periods import BEIJING, DateRange, Period
from fanzha.imports.models import ImportBatch
from fanzha.meetings.queries import next_consultation
from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.prevention import coverage as coverage_rules
from fanzha.prevention.queries import open_duties
from fanzha.strike.queries import due_for as strike_due
from fanzha.strike.queries import time_left
from fanzha.warnings.stats import desk as order_desk
from fanzha.warnings.stats import followups_due, pending_orders


def _case_figures(user, org, today, context, with_types: bool = True):
    """The headline 发案数 and 损失 (the same as every ranking and 通报), each linked to its cases."""
    month = Period.month_of(today)
    year = Period(today.year, 1, 12)
    context.update(headline(org, today))
    same_days = DateRange(date(today.year, 1, 1), today).same_period_last_year()
    context["links"] = {
        "this_month": cases_url(month, org=org),
        "last_month": cases_url(month.previous(), org=org),
        "this_year": cases_url(year, org=org),
        "last_year_same": cases_url(same_days, org=org),
    }
    if not with_types:
        return None
    types = by_type(org, year)
    context["types"] = [(name, t, cases_url(year, org=org, fraud_type_name=name)) for name, t in types]
    return types


def _orders_to_do(user, now) -> list[dict]:
    """Open orders with their time left to the first contact (or that contact was made)."""
    rows = []
    for order in pending_orders(user):
        late = order.contacted_at is None and order.deadline < now
        rows.append(
            {
                "order": order,
                "left": "已联系，待反馈" if order.contacted_at else time_left(order.deadline, now),
                "urgency": "overdue" if late else ("soon" if order.contacted_at is None else ""),
            }
        )
    return rows


def _village_coverage(org, today) -> dict | None:
    """The village's visit and App figures this year, with each coverage target's state."""
    span = DateRange(date(today.year, today.month, 1), today)
    rows = coverage_rules.coverage(span, "village", config.current(), {org.id})
    return rows[0] if rows else None


@login_required
def home(request):
    user = request.user
    now = clock.now()  # a test moves the clock
    today = now.astimezone(BEIJING).date()
    month, year = Period.month_of(today), Period(today.year, 1, 12)
    context = {"month": month, "year": year, "today": today}
    org = user.org
    if org is None and user.is_superuser:  # a superuser made at the command line: the county
        org = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    if user.role == Role.UNIT_LIAISON:
        return _liaison_home(request, context, today)
    if user.role == Role.GRID_WORKER:
        return _grid_home(request, context, org, now, today)
    if user.role == Role.STATION_OFFICER:
        return _station_home(request, context, org, now, today)
    types = None
    if user.has_perm("cases.view_case") and org is not None:
        types = _case_figures(user, org, today, context)
    if user.has_perm("assessment.view_indicators"):
        context["charts"] = dashboard(user, types)
    if user.has_perm("warnings.view_verificationorder"):
        context["orders"] = order_desk(user)
    if user.has_perm("strike.add_strikerequest"):
        context["strike"] = strike_due(user)
    if user.has_perm("meetings.view_meeting"):
        context["next"] = next_consultation(today)
    context["imports"] = ImportBatch.objects.filter(user=user)[:5]
    return render(request, "web/home.html", context)


def _liaison_home(request, context, today):
    user = request.user
    if user.has_perm("prevention.view_duty"):
        context["duties"] = open_duties(user, today)
    if user.has_perm("strike.confirm_request"):
        context["strike"] = strike_due(user)
    return render(request, "web/home_liaison.html", context)


def _station_home(request, context, org, now, today):
    user = request.user
    if user.has_perm("warnings.view_verificationorder"):
        context["orders"] = order_desk(user)
        context["to_do"] = _orders_to_do(user, now)
    if user.has_perm("strike.view_strikerequest"):
        context["strike"] = strike_due(user)
    if user.has_perm("warnings.view_followup"):
        context["followups_count"], context["followups"] = followups_due(user)
    if user.has_perm("cases.view_case") and org is not None:
        _case_figures(user, org, today, context, with_types=False)
    return render(request, "web/home_station.html", context)


def _grid_home(request, context, org, now, today):
    user = request.user
    if user.has_perm("warnings.view_verificationorder"):
        context["to_do"] = _orders_to_do(user, now)
    if user.has_perm("prevention.view_householdvisit") and org is not None and org.kind in PLACE_KINDS:
        context["coverage"] = _village_coverage(org, today)
    return render(request, "web/home_grid.html", context)
