from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from fanzha.audit.models import AccessLog, ObjectChange


@login_required
@permission_required("audit.view_objectchange", raise_exception=True)
def changes(request):
    rows = ObjectChange.objects.all()
    if request.GET.get("user"):
        rows = rows.filter(username=request.GET["user"])
    if request.GET.get("model"):
        rows = rows.filter(model=request.GET["model"])
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "audit/changes.html", {"page": page})


@login_required
@permission_required("audit.view_accesslog", raise_exception=True)
def access(request):
    rows = AccessLog.objects.all()
    if request.GET.get("user"):
        rows = rows.filter(username=request.GET["user"])
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "audit/access.html", {"page": page})
