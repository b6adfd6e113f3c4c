from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.audit.readable import model_label, readable_changes

PAGE_SIZE = 100


def _page(request, rows):
    if request.GET.get("user"):
        rows = rows.filter(username=request.GET["user"])
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@permission_required("audit.view_objectchange", raise_exception=True)
def changes(request):
    rows = ObjectChange.objects.all()
    if request.GET.get("model"):
        rows = rows.filter(model=request.GET["model"])
    page = _page(request, rows)
    # personal data stays masked here; the record's own page shows it to those allowed to see it
    entries = [(change, model_label(change), readable_changes(change)) for change in page]
    return render(request, "audit/changes.html", {"page": page, "entries": entries})


@login_required
@permission_required("audit.view_accesslog", raise_exception=True)
def access(request):
    return render(request, "audit/access.html", {"page": _page(request, AccessLog.objects.all())})
