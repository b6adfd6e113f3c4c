from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render

from fanzha.assessment.indicators import unit_indicators
from fanzha.assessment.queries import unit_outcomes
from fanzha.assessment.ranking import COLUMNS, build_ranking
from fanzha.assessment.views.params import level_param, period_param
from fanzha.cases.drill import cases_url
from fanzha.core import export
from fanzha.inspections.queries import open_findings
from fanzha.inspections.services import today as inspections_today
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
    fmt = request.GET.get("export") or request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        table = [[title for _, title in COLUMNS]]
        table += [[typed[key] for key, _ in COLUMNS] for typed in (row.typed() for row in result.rows)]
        name = f"{period.label}{level.label}排名"
        if fmt == "csv":
            return export.csv_response(table, name)
        return export.xlsx_response(table, name, f"{level.label}排名")
    kind, last_year = level.kinds[0], period.same_period_last_year()
    links = {
        row.org_id: {
            "cases": cases_url(period, kind=kind, org_id=row.org_id),
            "last_year": cases_url(last_year, kind=kind, org_id=row.org_id),
        }
        for row in result.rows
        if row.org_id in visible
    }
    context = {
        "links": links,
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
    data = unit_indicators(org, period)
    links = {
        "cases": cases_url(period, org=org),
        "last_year": cases_url(period.same_period_last_year(), org=org),
        "previous": cases_url(period.previous(), org=org),
    }
    for key, breakdown in data["breakdowns"].items():
        for row in breakdown["rows"]:
            if row["value"] not in (None, ""):
                row["link"] = cases_url(period, org=org, **{key: row["value"]})
    context = {"org": org, "period": period, "errors": errors, "data": data, "links": links}
    if request.user.has_perm("assessment.view_outcome"):
        context["outcomes"] = unit_outcomes(request.user, org)
    if request.user.has_perm("inspections.view_finding"):
        context["findings"] = open_findings(request.user, org, inspections_today())
    return render(request, "assessment/unit.html", context)
