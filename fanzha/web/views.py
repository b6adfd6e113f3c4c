from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fanzha.assessment.dashboard import by_type, dashboard, headline
from fanzha.cases.drill import cases_url
from fanzha.core import clock
from fanzha.core.periods import BEIJING, DateRange, Period
from fanzha.imports.models import ImportBatch
from fanzha.orgs.models import OrgUnit
from fanzha.strike.queries import due_for as strike_due
from fanzha.warnings.stats import desk as order_desk


@login_required
def home(request):
    today = clock.now().astimezone(BEIJING).date()  # a test moves the clock
    month = Period.month_of(today)
    year = Period(today.year, 1, 12)
    context = {"month": month, "year": year}
    org, types = request.user.org, None
    if org is None and request.user.is_superuser:  # a superuser made at the command line: the county
        org = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    if request.user.has_perm("cases.view_case") and org is not None:
        # the same 发案数 as every ranking and 通报 (dashboard.headline)
        context.update(headline(org, today))
        types = by_type(org, year)
        context["types"] = [(name, t, cases_url(year, org=org, fraud_type_name=name)) for name, t in types]
        same_days = DateRange(date(today.year, 1, 1), today).same_period_last_year()
        context["links"] = {
            "this_month": cases_url(month, org=org),
            "last_month": cases_url(month.previous(), org=org),
            "this_year": cases_url(year, org=org),
            "last_year_same": cases_url(same_days, org=org),
        }
    if request.user.has_perm("assessment.view_indicators"):
        context["charts"] = dashboard(request.user, types)
    if request.user.has_perm("warnings.view_verificationorder"):
        context["orders"] = order_desk(request.user)
    if request.user.has_perm("strike.add_strikerequest"):
        context["strike"] = strike_due(request.user)
    context["imports"] = ImportBatch.objects.filter(user=request.user)[:5]
    return render(request, "web/home.html", context)
