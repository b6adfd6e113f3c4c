from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from fanzha.assessment.assess import SchemeNotFound, assess, latest_scheme, ranked
from fanzha.assessment.models.schemes import PartMethod, SchemeItem
from fanzha.assessment.services import EntryError, enter_item_score
from fanzha.assessment.views.params import year_param
from fanzha.orgs.models import OrgUnit

PAGE_SIZE = 50


def _scheme(request):
    try:
        return latest_scheme(request.GET.get("scheme") or "004")
    except SchemeNotFound as error:
        raise Http404(str(error)) from None


@login_required
@permission_required("assessment.view_itemscore", raise_exception=True)
def assess_list(request):
    errors: list[str] = []
    year = year_param(request, errors)
    scheme = _scheme(request)
    visible = OrgUnit.objects.visible_to(request.user)
    results = ranked(assess(year, scheme, orgs=visible))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    parts = list(scheme.parts.all())
    context = {
        "page": page,
        "year": year,
        "scheme": scheme,
        "parts": parts,
        "errors": errors,
        "provisional": sum(1 for r in results if r["provisional"]),
        "count": len(results),
    }
    return render(request, "assessment/assess_list.html", context)


@login_required
@permission_required("assessment.view_itemscore", raise_exception=True)
def assess_unit(request, code):
    org = OrgUnit.objects.visible_to(request.user).filter(code=code).first()
    if org is None:
        raise Http404("没有这个单位，或不在您的管辖范围内")
    errors: list[str] = []
    year = year_param(request, errors)
    scheme = _scheme(request)
    if request.method == "POST":
        if not request.user.has_perm("assessment.assess"):
            messages.error(request, "您没有录入考核评分的权限")
            return redirect(request.get_full_path())
        items = SchemeItem.objects.filter(part__scheme=scheme, part__method=PartMethod.ITEMS)
        problems = []
        try:
            with transaction.atomic():
                for item in items:
                    points = request.POST.get(f"points-{item.pk}", "").strip()
                    if points == "":
                        continue
                    try:
                        enter_item_score(
                            request.user, item, org, year, points, request.POST.get(f"evidence-{item.pk}", "")
                        )
                    except EntryError as error:
                        problems.append(str(error))
                if problems:
                    raise EntryError("；".join(problems))
        except EntryError as error:
            messages.error(request, f"未保存：{error}")
        else:
            messages.success(request, "评分已保存")
            return redirect(request.get_full_path())
    result = next((r for r in assess(year, scheme, orgs=[org]) if r["code"] == org.code), None)
    if result is None:
        raise Http404("该单位不是百分制考核对象（考核对象为乡镇/街道和成员单位）")
    items = {i.code: i for i in SchemeItem.objects.filter(part__scheme=scheme)}
    return render(
        request,
        "assessment/assess_unit.html",
        {
            "org": org,
            "year": year,
            "scheme": scheme,
            "result": result,
            "items": items,
            "posted": request.POST,
        },
    )
