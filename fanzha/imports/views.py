"""Upload → preview (a dry run: every row checked, no ledger row written; the uploaded file waits in the
data directory for the confirmation, and is removed after FANZHA_UPLOAD_RETENTION_HOURS if none comes)
→ confirm → result."""

import logging
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.imports import jobs, registry, services, uploads
from fanzha.imports.forms import ChoiceSynonymForm, HeaderAliasForm, UploadForm
from fanzha.imports.models import ChoiceSynonym, HeaderAlias, ImportBatch, ImportKind
from fanzha.imports.registry import PERMISSIONS
from fanzha.imports.runner import error_dir
from fanzha.imports.synonyms import choice_columns

PREVIEW_ROWS = 10
PREVIEW_WAIT_SECONDS = 3
PREVIEW_ERRORS_SHOWN = 200
SESSION_KEY = "pending_import"

logger = logging.getLogger(__name__)


def _check(request, kind: str) -> None:
    if not request.user.has_perm(PERMISSIONS[kind]):
        raise PermissionDenied


def _prune_quietly() -> None:
    """What was never confirmed goes once its retention period is over; when the database is busy
    (SQLite, another import writing) it waits for the next upload or `fanzha prune-uploads`."""
    try:
        uploads.prune()
    except OperationalError:
        logger.info("上传文件清理推迟：数据库忙")


@login_required
def upload(request):
    if not any(request.user.has_perm(p) for p in PERMISSIONS.values()):
        raise PermissionDenied
    form = UploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind", "cases")}
    )
    form.fields["kind"].choices = [
        (kind, label) for kind, label in ImportKind.choices if request.user.has_perm(PERMISSIONS[kind])
    ]
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        _check(request, kind)
        upload = form.cleaned_data["file"]
        stored = uploads.store(upload)
        partial = form.cleaned_data["partial"]
        # the preview is a dry run of the whole file: a job with progress, shown at once when quick
        try:
            token = jobs.start(
                kind, request.user, stored, upload.name, partial, dry_run=True, preview_rows=PREVIEW_ROWS
            )
        except jobs.ImportBusy as busy:  # SQLite: nothing can be written while an import runs
            stored.unlink(missing_ok=True)
            messages.error(request, str(busy))
            return redirect(f"{reverse('imports:upload')}?kind={kind}")
        _prune_quietly()
        request.session[SESSION_KEY] = {
            "kind": kind,
            "path": stored.name,
            "name": upload.name,
            "partial": partial,
            "token": token,
            "errors": "",
        }
        jobs.wait(token, PREVIEW_WAIT_SECONDS)
        return redirect("imports:job", token)
    recent = ImportBatch.objects.filter(user=request.user)[:10]
    aliases = HeaderAlias.objects.all()
    known = [
        (label, registry.CLASSES[kind].headers, registry.CLASSES[kind].required_headers)
        for kind, label in ImportKind.choices
        if kind in registry.CLASSES and request.user.has_perm(PERMISSIONS[kind])
    ]
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "recent": recent,
            "aliases": aliases,
            "alias_form": HeaderAliasForm(initial={"kind": form["kind"].value()}),
            "known_headers": known,
        },
    )


@login_required
def confirm(request):
    pending = request.session.get(SESSION_KEY)
    if request.method != "POST" or not pending:
        return redirect("imports:upload")
    _check(request, pending["kind"])
    stored = uploads.upload_dir() / Path(pending["path"]).name
    if not stored.exists():
        messages.error(request, "上传的文件已失效，请重新上传")
        return redirect("imports:upload")
    stored.touch()  # in use: the retention period counts from now
    try:
        token = jobs.start(pending["kind"], request.user, stored, pending["name"], pending["partial"])
    except jobs.ImportBusy as busy:  # the preview stays, to be confirmed again later
        messages.error(request, str(busy))
        return redirect("imports:job", pending["token"])
    del request.session[SESSION_KEY]
    return redirect("imports:job", token)


@login_required
def job(request, token):
    """The progress of an import running in the background, read from the database; htmx polls the
    #job part."""
    current = jobs.state(token)
    if current is None or current.user_id != request.user.pk:
        raise Http404
    batch = jobs.batch_of(current) if current.status == current.Status.DONE and not current.dry_run else None
    if current.status == current.Status.DONE:
        if request.htmx:  # leave the progress page: for the preview, or for the finished import's record
            response = HttpResponse()
            target = reverse("imports:job", args=[token]) if current.dry_run else None
            response["HX-Redirect"] = target or reverse("imports:batch", args=[batch.pk])
            return response
        if current.dry_run:
            return _preview(request, token, jobs.restored(current.result))
    percent = round(100 * current.done / current.total) if current.total else 0
    template = "imports/job.html#job" if request.htmx else "imports/job.html"
    context = {"job": current, "batch": batch, "token": token, "percent": percent}
    return render(request, template, context)


def _preview(request, token: str, result):
    pending = request.session.get(SESSION_KEY)
    if pending and pending.get("token") == token:
        pending["errors"] = result.error_workbook.name if result.error_workbook else ""
        request.session.modified = True
    kind = pending["kind"] if pending else ""
    registry.annotate_preview(kind, result.preview, request.user)
    context = {
        "result": result,
        "kind": kind,
        "preview_limit": PREVIEW_ERRORS_SHOWN,
        "confirmable": bool(pending and pending.get("token") == token),
        "warned_rows": {e.row for e in result.warnings},
    }
    return render(request, "imports/preview.html", context)


def _batch_for(request, pk) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.user_id != request.user.pk and not request.user.has_perm("audit.view_objectchange"):
        raise Http404
    return batch


@login_required
def batch_detail(request, pk):
    return render(request, "imports/batch.html", {"batch": _batch_for(request, pk)})


@login_required
def error_workbook(request, pk):
    """The rejected rows as uploaded, personal data in clear: for the uploader (their own file back)
    and for holders of `cases.view_pii`; each download logged."""
    batch = _batch_for(request, pk)
    if batch.user_id != request.user.pk and not request.user.has_perm("cases.view_pii"):
        raise Http404
    path = error_dir() / Path(batch.error_workbook).name
    if not batch.error_workbook or not path.exists():
        raise Http404
    audit.record_access(
        request, "export", "imports.importbatch", batch.pk, "错误标注文件（含原始数据）", batch.filename
    )
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"{Path(batch.filename).stem}-错误标注.xlsx"
    )


@login_required
def pending_error_workbook(request):
    """The error workbook of the file being previewed (before it is imported)."""
    pending = request.session.get(SESSION_KEY) or {}
    path = error_dir() / Path(pending.get("errors") or "none").name
    if not pending.get("errors") or not path.exists():
        raise Http404
    audit.record_access(
        request, "export", "imports.preview", "", "错误标注文件（含原始数据）", pending["name"]
    )
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"{Path(pending['name']).stem}-错误标注.xlsx"
    )


@login_required
def add_alias(request):
    if not request.user.has_perm("imports.add_headeralias"):
        raise PermissionDenied
    form = HeaderAliasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alias = actions.create(request.user, form.save, ("kind", "alias", "canonical"))
        messages.success(request, f"已添加表头别名：{alias}")
    elif request.method == "POST":
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("imports:upload")


@login_required
@permission_required("imports.view_choicesynonym", raise_exception=True)
def synonyms(request):
    """选项同义词: per choice column, the words the centre's ledgers write for each choice; add, remove."""
    form = ChoiceSynonymForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("imports.add_choicesynonym"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            services.add_synonym(request.user, data["kind"], data["column"], data["word"], data["value"])
            messages.success(request, f"已添加：{data['column']}「{data['word']}」")
            return redirect("imports:synonyms")
    words: dict[tuple, list[ChoiceSynonym]] = {}
    for synonym in ChoiceSynonym.objects.all():
        words.setdefault((synonym.kind, synonym.column, synonym.value), []).append(synonym)
    columns = [
        {
            "kind_label": column.kind_label,
            "column": column.column,
            "options": [
                {"label": label, "synonyms": words.get((column.kind, column.column, value), [])}
                for value, label in column.options
            ],
        }
        for column in choice_columns()
    ]
    return render(request, "imports/synonyms.html", {"form": form, "columns": columns})


@login_required
def remove_synonym(request, pk):
    if request.method != "POST" or not request.user.has_perm("imports.delete_choicesynonym"):
        raise PermissionDenied
    synonym = get_object_or_404(ChoiceSynonym, pk=pk)
    services.remove_synonym(request.user, synonym)
    messages.success(request, f"已删除：{synonym.column}「{synonym.word}」")
    return redirect("imports:synonyms")
