"""阶段总结: a phase's summary as a Word document through the 通报 machinery (reports' Content and
render_docx): the figures of the phase's days for the campaign's scope, each unit's milestone
completion, and the office's own text (工作开展情况, 下步工作), typed on the phase page."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from fanzha.assessment.indicators import unit_indicators
from fanzha.campaigns import queries
from fanzha.campaigns.views import MANAGE, _phase
from fanzha.core.periods import DateRange
from fanzha.core.plans import cited
from fanzha.core.rounding import round_half_up
from fanzha.reports.content import Content, chinese_date, default_issuer
from fanzha.reports.tables import Section, Table
from fanzha.reports.word import render_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _pct(part: int, whole: int) -> str:
    return f"{round_half_up(Decimal(part) * 100 / whole, 1)}%" if whole else "—"


def _change(pct) -> str:
    if pct is None:
        return ""
    return "，同比持平" if pct == 0 else f"，同比{'上升' if pct > 0 else '下降'}{abs(pct)}%"


def summary_content(phase, user, work: str = "", next_steps: str = "") -> Content:
    campaign = phase.campaign
    today = queries.today()
    # a phase still under way is summed up to today (its later days have no cases yet)
    span = DateRange(phase.starts_on, max(phase.starts_on, min(phase.ends_on, today)))
    figures = unit_indicators(campaign.scope, span)
    overview = (
        f"{span.label}，{campaign.scope.display_name}共发生电信网络诈骗案件{figures['cases']}起"
        f"（上年同期{figures['cases_last_year']}起{_change(figures['cases_yoy_pct'])}），"
        f"损失{figures['loss_yuan']}元，挽回损失{figures['recovered_yuan']}元。"
    )
    types = figures["breakdowns"]["fraud_type"]["rows"]
    type_table = Table(
        "表1 本阶段案件类型",
        ["类型", "发案数", "上年同期", "损失（元）"],
        [[r["label"], str(r["cases"]), str(r["cases_last_year"]), r["loss_yuan"]] for r in types],
    )
    completion = queries.phase_completion(phase, user)
    rows = [
        [
            r["unit"].display_name,
            str(r["total"]),
            str(r["accepted"]),
            str(r["on_time"]),
            str(r["total"] - r["accepted"]),
            _pct(r["accepted"], r["total"]),
        ]
        for r in completion
    ]
    total = sum(r["total"] for r in completion)
    accepted = sum(r["accepted"] for r in completion)
    done_text = (
        f"本阶段共向{len(completion)}个单位分配里程碑任务{total}项，已验收{accepted}项（{_pct(accepted, total)}），"
        f"未完成{total - accepted}项。"
        if total
        else "本阶段未分配里程碑任务。"
    )
    issuer = default_issuer(campaign.scope.name)
    return Content(
        title=f"{campaign.name}{phase.name}阶段工作总结（{DateRange(phase.starts_on, phase.ends_on).label}）",
        issuer=issuer,
        number="阶段总结",
        intro=f"根据《{cited(campaign.source) or campaign.name}》部署，现将{phase.name}阶段工作情况总结如下：",
        sections=[
            Section("一、工作开展情况", _paragraphs(work) or ["（请填写本阶段工作开展情况）"]),
            Section("二、本阶段发案情况", [overview], [type_table]),
            Section(
                "三、里程碑任务完成情况",
                [done_text],
                [
                    Table(
                        "表2 各单位里程碑任务完成情况",
                        ["单位", "任务数", "已验收", "按时完成", "未完成", "完成率"],
                        rows,
                    )
                ],
            ),
            Section("四、下步工作", _paragraphs(next_steps) or ["（请填写下一阶段工作安排）"]),
        ],
        signatory=issuer,
        dated=chinese_date(today),
        note="注：发案数不含撤案案件；“按时完成”指在完成时限当日或之前报送并经验收的任务。",
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_POST
def phase_summary(request, pk):
    phase = _phase(request, pk)
    content = summary_content(phase, request.user, request.POST.get("work", ""), request.POST.get("next", ""))
    response = HttpResponse(render_docx(content), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{content.title}.docx")
    return response
