from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import render
from django.utils import timezone

from fanzha.assessment.dashboard import dashboard
from fanzha.cases.models import Case
from fanzha.core.periods import BEIJING, Period
from fanzha.imports.models import ImportBatch
from fanzha.warnings.stats import desk as order_desk


def _totals(queryset, period: Period) -> dict:
    return queryset.filter(reported_at__gte=period.start, reported_at__lt=period.end).aggregate(
        cases=Count("id"), loss=Sum("loss_fen"), recovered=Sum("recovered_fen")
    )


@login_required
def home(request):
    today = timezone.localdate()
    month = Period.month_of(today)
    year = Period.parse(str(today.year))
    context = {"month": month, "year": year}
    if request.user.has_perm("cases.view_case"):
        cases = Case.objects.visible_to(request.user)
        context["this_month"] = _totals(cases, month)
        context["last_month"] = _totals(cases, month.previous())
        context["this_year"] = _totals(cases, year)
        # 去年同期: 1 January last year up to and including the same day last year
        same_day = today.replace(
            year=today.year - 1, day=28 if (today.month, today.day) == (2, 29) else today.day
        )
        until = datetime.combine(same_day + timedelta(days=1), time.min, tzinfo=BEIJING)
        context["last_year_same"] = _totals(cases.filter(reported_at__lt=until), year.same_period_last_year())
        context["types"] = (
            cases.filter(reported_at__gte=year.start, reported_at__lt=year.end)
            .values("fraud_type__name")
            .annotate(n=Count("id"), loss=Sum("loss_fen"))
            .order_by("-n")[:12]
        )
    if request.user.has_perm("assessment.view_indicators"):
        context["charts"] = dashboard(request.user)
    if request.user.has_perm("warnings.view_verificationorder"):
        context["orders"] = order_desk(request.user)
    context["imports"] = ImportBatch.objects.filter(user=request.user)[:5]
    return render(request, "core/home.html", context)
