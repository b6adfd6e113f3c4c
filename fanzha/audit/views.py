from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from fanzha.audit import log as audit
from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.audit.personal import REVEAL_PERMISSION
from fanzha.audit.readable import model_label, readable_changes
from fanzha.orgs.scope import sees_everything

PAGE_SIZE = 100


def _county_office(request) -> None:
    """The logs cover the whole county and no row belongs to a unit: they are the county office's
    (the root unit's users), whatever permissions a role is given."""
    if not sees_everything(request.user):
        raise Http404


def _page(request, rows):
    if request.GET.get("user"):
        rows = rows.filter(username=request.GET["user"])
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@permission_required("audit.view_objectchange", raise_exception=True)
def changes(request):
    _county_office(request)
    rows = ObjectChange.objects.all()
    if request.GET.get("model"):
        rows = rows.filter(model=request.GET["model"])
    page = _page(request, rows)
    # personal data masked as each model declares it (audit/personal.py); clear text only for those
    # who may see it and ask, and that view is logged
    can_reveal = request.user.has_perm(REVEAL_PERMISSION)
    reveal = can_reveal and request.GET.get("clear") == "1"
    if reveal and page.object_list:
        audit.record_access(
            request,
            "view",
            ObjectChange._meta.label_lower,
            "",
            "个人信息明文",
            f"变更记录 第{page.number}页；条件：{request.GET.urlencode()}",
        )
    entries = [(change, model_label(change), readable_changes(change, reveal)) for change in page]
    context = {"page": page, "entries": entries, "can_reveal": can_reveal, "reveal": reveal}
    return render(request, "audit/changes.html", context)


@login_required
@permission_required("audit.view_accesslog", raise_exception=True)
def access(request):
    _county_office(request)
    return render(request, "audit/access.html", {"page": _page(request, AccessLog.objects.all())})
