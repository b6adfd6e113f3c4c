from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from fanzha.assessment.indicators import unit_indicators
from fanzha.assessment.ranking import COLUMNS, build_ranking
from fanzha.assessment.views.params import level_param, period_param
from fanzha.core.tabular import render as render_table
from fanzha.orgs.models import OrgUnit
from fanzha.parameters.levels import LEVELS


@login_required
@permission_required("assessment.view_indicators", raise_exception=True)
def ranking(request):
    """Rankings are what a bulletin publishes to every unit: all units of the level are shown;
    the drill-down to a unit's breakdown and cases stays within the user's scope."""
    errors: list[str] = []
    period = period_param(request, errors)
    level = level_param(request, errors)
    result = build_ranking(level, period)
    visible = set(OrgUnit.objects.visible_to(request.user).values_list("id", flat=True))
    export = request.GET.get("export")
    if export == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f"attachment; filename=ranking-{level.key}-{period}.csv"
        response.write("\ufeff" + render_table([row.as_json() for row in result.rows], COLUMNS, "csv") + "\n")
        return response
    context = {
        "ranking": result,
        "period": period,
        "level": level,
        "levels": LEVELS.values(),
        "errors": errors,
        "visible": visible,
        "own": request.user.org_id,
    }
    return render(request, "assessment/ranking.html", context)


@login_required
@permission_required("assessment.view_indicators", raise_exception=True)
def unit_detail(request, code):
    org = OrgUnit.objects.visible_to(request.user).filter(code=code).first()
    if org is None:
        raise Http404("没有这个单位，或不在您的管辖范围内")
    errors: list[str] = []
    period = period_param(request, errors)
    context = {"org": org, "period": period, "errors": errors, "data": unit_indicators(org, period)}
    return render(request, "assessment/unit.html", context)
