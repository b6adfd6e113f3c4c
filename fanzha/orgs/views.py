from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render

from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit, Population


@login_required
@permission_required("orgs.view_orgunit", raise_exception=True)
def org_list(request):
    kind = request.GET.get("kind", "")
    units = OrgUnit.objects.visible_to(request.user).select_related("station", "parent")
    if kind:
        units = units.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(name__icontains=q) | units.filter(code__startswith=q)
    latest = {}
    for org_id, year, population, households in (
        Population.objects.filter(org__in=units)
        .order_by("year")
        .values_list("org_id", "year", "population", "households")
    ):
        latest[org_id] = (year, population, households)
    rows = [(u, latest.get(u.pk)) for u in units.order_by("path")]
    return render(request, "orgs/list.html", {"rows": rows, "kinds": OrgKind.choices, "kind": kind, "q": q})


@login_required
@permission_required("orgs.view_orgunit", raise_exception=True)
def org_detail(request, pk):
    unit = get_object_or_404(
        OrgUnit.objects.visible_to(request.user).select_related("parent", "station"), pk=pk
    )
    children = unit.children.order_by("code")
    covered = (
        unit.covered_units.select_related("parent").order_by("path") if unit.kind == OrgKind.STATION else []
    )
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": children,
        "covered": covered,
        "populations": unit.populations.order_by("-year"),
    }
    return render(request, "orgs/detail.html", context)
