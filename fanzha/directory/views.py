from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.core import export
from fanzha.core.masking import mask_phone
from fanzha.directory import queries

EXPORT_HEADER = ["单位", "类别", "专职联络员", "专职联络员电话", "备岗联络员", "备岗联络员电话", "问题"]


def _may_reveal(request) -> bool:
    return request.user.has_perm("cases.view_pii") and request.GET.get("clear") == "1"


def _people(liaisons, reveal: bool) -> tuple[str, str]:
    names = "、".join(p.name for p in liaisons)
    phones = "、".join(p.phone if reveal else mask_phone(p.phone) for p in liaisons)
    return names, phones


@login_required
@permission_required("directory.view_liaison", raise_exception=True)
def overview(request):
    """通讯录: each member unit and station with its liaisons (flagged when it names none or more than
    two 专职联络员), the leading groups and their offices, and a link to the publicity teams."""
    reveal = _may_reveal(request)
    only_problems = request.GET.get("problems") == "1"
    units = queries.unit_liaisons(request.user)
    leadership = (
        queries.leadership(request.user) if request.user.has_perm("directory.view_leadershipmember") else []
    )
    if reveal:
        audit.record_access(request, "view", "directory.liaison", "", "个人信息明文", "通讯录")
    shown = [u for u in units if u.problem] if only_problems else units
    context = {
        "units": [(u, _people(u.primary, reveal), _people(u.deputies, reveal)) for u in shown],
        "problems": sum(1 for u in units if u.problem),
        "total": len(units),
        "leadership": [(m, m.phone if reveal else mask_phone(m.phone)) for m in leadership],
        "reveal": reveal,
        "only_problems": only_problems,
        "can_reveal": request.user.has_perm("cases.view_pii"),
    }
    return render(request, "directory/overview.html", context)


@login_required
@permission_required("directory.view_liaison", raise_exception=True)
def overview_export(request):
    """The directory page as a workbook: one row per unit, masked unless asked for in clear."""
    reveal = _may_reveal(request)
    units = queries.unit_liaisons(request.user)
    audit.record_access(
        request,
        "export",
        "directory.liaison",
        "",
        "个人信息明文" if reveal else "（已脱敏）",
        f"通讯录：导出 {len(units)} 个单位",
    )

    def rows():
        yield EXPORT_HEADER
        for u in units:
            yield [
                u.unit.display_name,
                u.unit.get_kind_display(),
                *_people(u.primary, reveal),
                *_people(u.deputies, reveal),
                u.problem or "",
            ]

    filename = f"通讯录-{timezone.localtime():%Y%m%d-%H%M}"
    if request.GET.get("format") == "csv":
        return export.csv_response(rows(), filename)
    return export.xlsx_response(rows(), filename, "通讯录")
