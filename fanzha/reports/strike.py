"""The documents of a 止付冻结 request, written into the office's Word template like the monthly 通报
(the same styles: 通报标题, 通报正文, 通报表格, 通报注释). A county may put its own copy at
$FANZHA_DATA_DIR/templates/strike.docx; otherwise the monthly template's styles are used.

协助冻结财产通知书 data sheet (the facts the formal notice carries), 送达回执 (the bank signs for the
documents and the officer's 警察证 copy, 000 篇一's 24 h), 协助返还 list (each victim's share and the
arithmetic, 冻结资金返还若干规定). Account numbers and the holder's ID are clear only for a reader who may
see them (queries.may_reveal, logged by the view); otherwise masked."""

import io
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from docx import Document

from fanzha.audit import log as audit
from fanzha.cases.models import Case
from fanzha.core import clock
from fanzha.core.masking import mask_account, mask_id_number
from fanzha.core.money import format_yuan
from fanzha.core.periods import beijing_text
from fanzha.reports.template import STYLES, template_path
from fanzha.reports.word import SIZES_PT, _borders, _cell
from fanzha.strike.models import StrikeRequest
from fanzha.strike.queries import DOCUMENTS, may_reveal
from fanzha.strike.returns import METHOD_LABELS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def strike_template() -> Path:
    custom = Path(settings.DATA_DIR) / "templates" / "strike.docx"
    return custom if custom.exists() else template_path()


def _requests(request):
    return StrikeRequest.objects.visible_to(request.user).select_related(
        "case", "case__station", "account", "bank", "officer"
    )


def _table(document, rows: list[list[str]], header: bool = False) -> None:
    style = document.styles[STYLES["table"]].style_id
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    _borders(grid)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            _cell(
                grid.rows[i].cells[j],
                text,
                style,
                SIZES_PT[0],
                bold=(header and i == 0) or (not header and j % 2 == 0),
            )


def _account_rows(r: StrikeRequest, clear: bool) -> list[list[str]]:
    number = r.account.number if clear else mask_account(r.account.number)
    holder_id = r.account.holder_id_number if clear else mask_id_number(r.account.holder_id_number)
    return [
        ["协助单位", str(r.bank), "账户类型", r.account.get_kind_display()],
        ["户名", r.account.holder_name or "—", "账号", number],
        ["开户人证件号", holder_id or "—", "币种", "人民币"],
    ]


def _notice(document, r: StrikeRequest, clear: bool) -> None:
    document.add_paragraph("协助冻结财产通知书（数据表）", style=STYLES["title"])
    document.add_paragraph(
        f"{r.bank}：因侦查{r.case.case_number}号电信网络诈骗案件需要，请协助对下列账户办理"
        f"{r.get_kind_display()}。",
        style=STYLES["body"],
    )
    rows = [
        ["案件编号", r.case.case_number, "办案单位", str(r.case.station)],
        *_account_rows(r, clear),
        ["类别", r.get_kind_display(), "申请金额（元）", format_yuan(r.requested_fen)],
        ["发起时间", beijing_text(r.requested_at), "方式", r.get_channel_display()],
        [
            "起始时间",
            beijing_text(r.confirmed_at) or "以银行执行时间为准",
            "到期时间",
            beijing_text(r.expires_at) or "—",
        ],
        ["经办民警", r.officer.get_full_name() or r.officer.username if r.officer else "—", "联系电话", ""],
    ]
    _table(document, rows)
    document.add_paragraph(
        "注：先行电话/平台通知止付冻结的，办案单位须在24小时内将正式法律文书及经办民警《人民警察证》复印件送达银行。",
        style=STYLES["note"],
    )


def _receipt(document, r: StrikeRequest, clear: bool) -> None:
    document.add_paragraph("送达回执", style=STYLES["title"])
    rows = [
        ["送达文书", f"协助冻结财产通知书（{r.case.case_number}）、经办民警《人民警察证》复印件"],
        ["受送达单位", str(r.bank)],
        ["涉及账户", r.account.number if clear else mask_account(r.account.number)],
        ["送达时限", beijing_text(r.documents_due_at) or "—"],
        ["送达时间", beijing_text(r.documents_delivered_at) or "　　年　　月　　日　　时　　分"],
        ["送达人", r.officer.get_full_name() or r.officer.username if r.officer else ""],
        ["签收时间", beijing_text(r.documents_received_at) or "　　年　　月　　日　　时　　分"],
        ["受送达人签收（盖章）", ""],
    ]
    _table(document, rows)


def _returns(document, r: StrikeRequest, user) -> None:
    document.add_paragraph("协助返还清单", style=STYLES["title"])
    plan = r.return_plans.first()
    if plan is None:
        document.add_paragraph("该冻结尚未生成返还方案。", style=STYLES["body"])
        return
    shares = list(plan.shares.select_related("case", "case__station").order_by("id"))
    seen = set(
        Case.objects.visible_to(user).filter(pk__in=[s.case_id for s in shares]).values_list("pk", flat=True)
    )
    rows = [["被害人", "案件编号", "办案单位", "返还金额（元）", "状态"]]
    for n, share in enumerate(shares, start=1):
        number = share.case.case_number if share.case_id in seen else "（辖区外案件）"
        rows.append(
            [
                f"被害人{n}",
                number,
                str(share.case.station),
                format_yuan(share.requested_fen),
                share.get_state_display(),
            ]
        )
    rows.append(["", "合计", "", format_yuan(plan.total_fen), ""])
    document.add_paragraph(
        f"冻结账户：{r.bank} {mask_account(r.account.number)}；分配方式：{METHOD_LABELS.get(plan.method, plan.method)}",
        style=STYLES["body"],
    )
    _table(document, rows, header=True)
    document.add_paragraph("计算过程：", style=STYLES["heading"])
    for line in plan.arithmetic.splitlines():
        document.add_paragraph(line, style=STYLES["note"])


def write(which: str, r: StrikeRequest, clear: bool, user, path: Path) -> Path:
    document = Document(str(strike_template()))
    if which == "notice":
        _notice(document, r, clear)
    elif which == "receipt":
        _receipt(document, r, clear)
    else:
        _returns(document, r, user)
    document.add_paragraph(f"生成时间：{beijing_text(clock.now())}", style=STYLES["note"])
    document.save(str(path))
    return path


@login_required
def strike_document(request, pk):
    """GET ?doc=notice|receipt|returns → the .docx."""
    strike_request = get_object_or_404(_requests(request), pk=pk)
    if not request.user.has_perm("strike.view_strikerequest"):
        raise PermissionDenied
    which = request.GET.get("doc", "notice")
    if which not in DOCUMENTS:
        raise Http404
    clear = may_reveal(request.user, strike_request) and which != "returns"
    if clear:
        audit.record_access(
            request,
            "export",
            "strike.strikerequest",
            strike_request.pk,
            "账号、开户人证件号",
            DOCUMENTS[which],
        )
    with tempfile.TemporaryDirectory() as folder:
        content = write(which, strike_request, clear, request.user, Path(folder) / "doc.docx").read_bytes()
    name = f"{DOCUMENTS[which]}-{strike_request.case.case_number}-{strike_request.pk}.docx"
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name, content_type=DOCX)
