import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core.export import xlsx_response
from fanzha.core.money import format_yuan
from fanzha.funds import queries, services
from fanzha.funds.annex import write_annex
from fanzha.funds.forms import StatementUploadForm, VictimTransferForm
from fanzha.funds.links import STRIKE_NEW_REQUEST
from fanzha.funds.models import Statement
from fanzha.funds.presenting import View
from fanzha.funds.tracing import METHODS

PERMISSION = "funds.trace_funds"


def _case(request, pk) -> Case:
    """The case, if the user may trace it: out of scope or without the permission, a 404."""
    if not request.user.has_perm(PERMISSION):
        raise Http404
    return get_object_or_404(Case.objects.visible_to(request.user), pk=pk)


def _method(request) -> str | None:
    method = request.GET.get("method")
    return method if method in METHODS else None


def _view(request, case) -> View:
    reveal = request.GET.get("reveal") == "1" and request.user.has_perm("cases.view_pii")
    if reveal:
        audit.record_access(
            request, "view", "cases.case", case.pk, "资金流向账号、证件号", f"资金查控 {case.case_number}"
        )
    return View(services.run_trace(case, _method(request)), reveal)


@login_required
def case_panel(request, pk):
    case = _case(request, pk)
    return render(request, "funds/panel.html", {"case": case, "figures": queries.panel_figures(case)})


@login_required
def trace_page(request, pk):
    case = _case(request, pk)
    view = _view(request, case)
    context = {
        "case": case,
        "view": view,
        "method": view.trace.rules.method,
        "methods": METHODS,
        "levels": view.levels(),
        "tree": view.tree(),
        "hops": view.explanations(),
        "freeze": view.freeze_rows(),
        "requests": view.request_rows(),
        "holders": view.holder_rows(),
        "graph": view.graph(),
        "statements": Statement.objects.filter(case=case).select_related("imported_by"),
        "seeds": queries.seeds_of(case),
        "seed_rows": case.victim_transfers.all(),
        "upload_form": StatementUploadForm(),
        "seed_form": VictimTransferForm(),
        "reveal": view.reveal,
    }
    return render(request, "funds/trace.html", context)


@login_required
@require_POST
def upload(request, pk):
    case = _case(request, pk)
    form = StatementUploadForm(request.POST, request.FILES)
    outcome = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:8]
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            outcome = services.import_statement(
                case,
                handle.name,
                request.user,
                filename=upload.name,
                kind=form.cleaned_data["kind"],
                account=form.cleaned_data["account"],
            )
    status = 200 if outcome is not None and outcome.ok else 400
    return render(
        request, "funds/import_result.html", {"case": case, "form": form, "outcome": outcome}, status=status
    )


@login_required
@require_POST
def add_seed(request, pk):
    case = _case(request, pk)
    form = VictimTransferForm(request.POST)
    if not form.is_valid():
        errors = "；".join(f"{form.fields[f].label}：{' '.join(e)}" for f, e in form.errors.items())
        messages.error(request, f"未保存：{errors}")
        return redirect("funds:trace", pk=case.pk)
    data = form.cleaned_data
    services.add_victim_transfer(
        case,
        request.user,
        account=data["account"],
        at=data["at"],
        amount_fen=data["amount"],
        bank=data["bank"],
        note=data["note"],
    )
    messages.success(request, f"已记录受害人转账 {format_yuan(data['amount'])} 元")
    return redirect("funds:trace", pk=case.pk)


@login_required
def freeze_request(request, pk):
    """One click from a freeze candidate to the strike desk's new 止付冻结 request, filled in. The full
    number travels only in this redirect (the trace page shows it masked)."""
    case = _case(request, pk)
    try:
        rank = int(request.GET.get("rank", ""))
    except ValueError:  # no candidate named: back to the list
        return redirect("funds:trace", pk=case.pk)
    rows = View(queries.trace_case(case, _method(request)), reveal=True).freeze_rows()
    if not 1 <= rank <= len(rows):
        raise Http404
    row = rows[rank - 1]
    audit.record_access(
        request, "view", "cases.case", case.pk, "止付冻结账号", f"资金查控 {case.case_number}"
    )
    query = urlencode({"case": case.pk, "account": row["account"], "amount": row["amount"]})
    return HttpResponseRedirect(f"{reverse(STRIKE_NEW_REQUEST)}?{query}")


EXPORTS = {
    "freeze": ("建议止付冻结", ["序号", "账号", "户名", "开户行", "层级", "本案资金（元）", "依据"]),
    "requests": ("建议调单", ["账号", "户名", "开户行", "层级", "流入本案资金（元）", "原因"]),
    "holders": (
        "同一开户人账户",
        ["追踪到的账号", "开户人", "证件号码", "其他账号", "开户行", "状态", "绑定手机"],
    ),
    "hops": (
        "资金流向",
        ["层级", "转出账户", "转入账户", "时间", "金额（元）", "归属本案（元）", "方法", "说明"],
    ),
}


def _export_rows(view: View, what: str) -> list[list]:
    if what == "freeze":
        return [
            [
                r["rank"],
                r["account"],
                r["holder"],
                r["bank"],
                r["level_name"],
                format_yuan(r["amount"], False),
                r["basis"],
            ]
            for r in view.freeze_rows()
        ]
    if what == "requests":
        return [
            [
                r["account"],
                r["holder"],
                r["bank"],
                r["level_name"],
                format_yuan(r["received"], False),
                r["reason"],
            ]
            for r in view.request_rows()
        ]
    if what == "holders":
        return [
            [r["traced"], r["name"], r["id_number"], r["account"], r["bank"], r["status"], r["phones"]]
            for r in view.holder_rows()
        ]
    return [
        [
            r["level_name"],
            r["source"],
            r["target"],
            r["at"].strftime("%Y-%m-%d %H:%M:%S"),
            format_yuan(r["amount"], False),
            format_yuan(r["traced"], False),
            r["method"],
            r["text"],
        ]
        for r in view.explanations()
    ]


@login_required
def export(request, pk):
    case = _case(request, pk)
    what = request.GET.get("what", "freeze")
    if what not in EXPORTS:
        raise Http404
    view = _view(request, case)
    title, header = EXPORTS[what]
    if view.reveal:
        audit.record_access(
            request, "export", "cases.case", case.pk, f"{title}（明文）", f"资金查控 {case.case_number}"
        )
    return xlsx_response([header, *_export_rows(view, what)], f"{case.case_number}-{title}", title)


@login_required
def annex(request, pk):
    case = _case(request, pk)
    view = _view(request, case)
    if view.reveal:
        audit.record_access(
            request, "export", "cases.case", case.pk, "资金流向说明（明文）", f"资金查控 {case.case_number}"
        )
    handle = tempfile.NamedTemporaryFile(suffix=".docx")
    write_annex(view, Path(handle.name))
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{case.case_number}-资金流向说明.docx")
