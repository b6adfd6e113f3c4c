from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.series import export, queries, services
from fanzha.series.forms import CutForm, DetachForm, ReasonForm, RestoreForm, WhitelistForm
from fanzha.series.models import Cluster, Cut, Detachment, Member, WhitelistEntry

PAGE_SIZE = 50
CLEAR_FIELDS = "嫌疑人账户"


def _reveal(request, model: str, pk, what: str) -> bool:
    """Accounts in clear when asked (`?reveal=1`) by a user who may see them; logged."""
    reveal = request.GET.get("reveal") == "1" and request.user.has_perm("cases.view_pii")
    if reveal:
        audit.record_access(request, "view", model, pk, CLEAR_FIELDS, what)
    return reveal


@login_required
@permission_required("series.view_cluster", raise_exception=True)
def case_panel(request, pk):
    """The case page's 串并案 panel (loaded by hx-get)."""
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    reveal = _reveal(request, "cases.case", case.pk, f"案件 {case.case_number} 的串并案")
    panel = queries.case_panel(case, request.user, reveal)
    context = {"case": case, "panel": panel, "reveal": reveal, "rule": queries.links_rule_text()}
    context["may_decide"] = request.user.has_perm("series.decide_cluster")
    return render(request, "series/case_panel.html", context)


@login_required
@permission_required("series.view_cluster", raise_exception=True)
def cluster_list(request):
    clusters = queries.visible_clusters(request.user).order_by("-size", "id")
    if request.GET.get("confirmed") == "1":
        clusters = clusters.filter(confirmed_at__isnull=False)
    page = Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "series/clusters.html", {"page": page, "rule": queries.links_rule_text()})


def _cluster(request, pk) -> Cluster:
    """The cluster, when one of its cases is in the user's subtree; else 404."""
    return get_object_or_404(Cluster.objects.filter(pk__in=queries.visible_clusters(request.user)), pk=pk)


@login_required
@permission_required("series.view_cluster", raise_exception=True)
def cluster_detail(request, pk):
    cluster = _cluster(request, pk)
    reveal = _reveal(request, "series.cluster", cluster.pk, f"串并案组 {cluster.pk}号")
    view = queries.cluster_view(cluster, request.user, reveal)
    context = {
        "view": view,
        "cluster": cluster,
        "reveal": reveal,
        "rule": queries.links_rule_text(),
        "confirm_form": ReasonForm(),
        "may_decide": request.user.has_perm("series.decide_cluster"),
    }
    return render(request, "series/cluster.html", context)


@login_required
@permission_required("series.decide_cluster", raise_exception=True)
@require_POST
def cluster_confirm(request, pk):
    cluster = _cluster(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.confirm_cluster(request.user, cluster, form.cleaned_data["reason"])
        messages.success(request, f"串并案组 {cluster.pk}号 已确认")
    else:
        messages.error(request, "确认未保存：" + _errors(form))
    return redirect(cluster)


@login_required
@permission_required("series.decide_cluster", raise_exception=True)
@require_POST
def cluster_cut(request, pk):
    cluster = _cluster(request, pk)
    form = CutForm(request.POST)
    if not form.is_valid():
        messages.error(request, "断开未保存：" + _errors(form))
        return redirect(cluster)
    low, high = form.cleaned_data["low"], form.cleaned_data["high"]
    inside = set(
        Member.objects.filter(cluster=cluster, case_id__in=[low, high]).values_list("case_id", flat=True)
    )
    visible = Case.objects.visible_to(request.user).filter(pk__in=[low, high]).count()
    if inside != {low, high} or visible != 2:
        raise Http404("不在本串并案组中")
    services.cut_link(request.user, low, high, form.cleaned_data["reason"])
    messages.success(request, "已断开该串并关联；重新计算后仍保持断开")
    survivor = Member.objects.filter(case_id=min(low, high)).values_list("cluster_id", flat=True).first()
    return redirect("series:cluster", survivor) if survivor else redirect("series:clusters")


@login_required
@permission_required("series.decide_cluster", raise_exception=True)
@require_POST
def cluster_restore(request, pk):
    cluster = _cluster(request, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "恢复未保存：" + _errors(form))
        return redirect(cluster)
    members = Member.objects.filter(cluster=cluster).values("case_id")
    cut = (
        (Cut.objects.filter(low_id__in=members) | Cut.objects.filter(high_id__in=members))
        .filter(pk=form.cleaned_data["cut"])
        .first()
    )
    if cut is None:
        raise Http404("不在本串并案组中")
    services.restore_link(request.user, cut, form.cleaned_data["reason"])
    messages.success(request, "已恢复该串并关联")
    survivor = Member.objects.filter(case_id=cluster.pk).values_list("cluster_id", flat=True).first()
    return redirect("series:cluster", survivor or cluster.pk)


def _errors(form) -> str:
    return "；".join(e for errors in form.errors.values() for e in errors)


@login_required
@permission_required("series.decide_cluster", raise_exception=True)
@require_POST
def cluster_detach(request, pk):
    """移出此案: one case out of the cluster, with a reason."""
    cluster = _cluster(request, pk)
    form = DetachForm(request.POST)
    if not form.is_valid():
        messages.error(request, "移出未保存：" + _errors(form))
        return redirect(cluster)
    case_id = form.cleaned_data["case"]
    inside = Member.objects.filter(cluster=cluster, case_id=case_id).exists()
    if not inside or not Case.objects.visible_to(request.user).filter(pk=case_id).exists():
        raise Http404("不在本串并案组中")
    others = list(
        Member.objects.filter(cluster=cluster).exclude(case_id=case_id).values_list("case_id", flat=True)
    )
    services.detach_case(request.user, cluster, case_id, form.cleaned_data["reason"])
    messages.success(request, "已将该案移出本串并案组；重新计算、重新导入后仍保持移出")
    survivor = (
        Member.objects.filter(case_id__in=others).order_by("cluster_id").values_list("cluster_id", flat=True)
    )
    return redirect("series:cluster", survivor[0]) if survivor else redirect("series:clusters")


@login_required
@permission_required("series.decide_cluster", raise_exception=True)
@require_POST
def detachment_undo(request, pk):
    """撤销移出 (from the case page's panel or the cluster page): back where it came from."""
    detachment = get_object_or_404(Detachment.objects.visible_to(request.user), pk=pk)
    case_id = detachment.case_id
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.undo_detachment(request.user, detachment, form.cleaned_data["reason"])
        messages.success(request, "已撤销移出，该案重新参与串并")
    else:
        messages.error(request, "撤销未保存：" + _errors(form))
    cluster = Member.objects.filter(case_id=case_id).values_list("cluster_id", flat=True).first()
    if request.POST.get("back") == "cluster" and cluster:
        return redirect("series:cluster", cluster)
    return redirect("cases:detail", case_id)


@login_required
@permission_required("series.view_cluster", raise_exception=True)
def cluster_export(request, pk):
    """?as=xlsx (default) | gephi-nodes | gephi-edges | i2-entities | i2-links"""
    cluster = _cluster(request, pk)
    fmt = request.GET.get("as", "xlsx")
    if fmt != "xlsx" and fmt not in export.EXPORTS:
        raise Http404("没有这种导出格式")
    clear = request.GET.get("clear") == "1" and request.user.has_perm("cases.view_pii")
    view = queries.cluster_view(cluster, request.user, clear)
    audit.record_access(
        request,
        "export",
        "series.cluster",
        cluster.pk,
        CLEAR_FIELDS if clear else "（已脱敏）",
        f"导出串并案组 {cluster.pk}号（{fmt}，{len(view.cases)} 起）；{'明文' if clear else '脱敏'}",
    )
    filename = f"串并案组{cluster.pk}-{fmt}-{timezone.localtime():%Y%m%d-%H%M}"
    if fmt == "xlsx":
        return export.xlsx_response(view, filename)
    return export.EXPORTS[fmt](view, filename)


@login_required
@permission_required("series.view_cluster", raise_exception=True)
def search(request):
    text = request.GET.get("q", "").strip()
    reveal = bool(text) and _reveal(request, "series.key", "", f"按标识查找：{text[:50]}")
    hits = queries.search(text, request.user, reveal) if text else []
    return render(request, "series/search.html", {"q": text, "hits": hits, "reveal": reveal})


@login_required
@permission_required("series.view_whitelistentry", raise_exception=True)
def whitelist(request):
    form = WhitelistForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("series.add_whitelistentry"):
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            services.add_to_whitelist(request.user, data["kind"], data["value"], data["note"])
            messages.success(request, f"「{data['value']}」已列入不串并标识，相关串并关联已重新计算")
            return redirect("series:whitelist")
    entries = WhitelistEntry.objects.select_related("added_by")
    return render(
        request, "series/whitelist.html", {"form": form, "entries": entries, "remove_form": ReasonForm()}
    )


@login_required
@permission_required("series.delete_whitelistentry", raise_exception=True)
@require_POST
def whitelist_remove(request, pk):
    entry = get_object_or_404(WhitelistEntry, pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.remove_from_whitelist(request.user, entry, form.cleaned_data["reason"])
        messages.success(request, f"「{entry.value}」已移出不串并标识，相关串并关联已重新计算")
    else:
        messages.error(request, "未移出：" + _errors(form))
    return redirect("series:whitelist")
