from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fanzha.assessment.dashboard import by_type, dashboard, headline
from fanzha.core.periods import Period
from fanzha.imports.models import ImportBatch
from fanzha.orgs.models import OrgUnit
from fanzha.strike.queries import due_for as strike_due
from fanzha.warnings.stats import desk as order_desk


@login_required
def home(request):
    today = timezone.localdate()
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
        context["types"] = types
    if request.user.has_perm("assessment.view_indicators"):
        context["charts"] = dashboard(request.user, types)
    if request.user.has_perm("warnings.view_verificationorder"):
        context["orders"] = order_desk(request.user)
    if request.user.has_perm("strike.add_strikerequest"):
        context["strike"] = strike_due(request.user)
    context["imports"] = ImportBatch.objects.filter(user=request.user)[:5]
    return render(request, "web/home.html", context)
