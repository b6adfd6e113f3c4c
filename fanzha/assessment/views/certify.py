from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fanzha.assessment.certification import CRITERIA, evaluate, run_certification
from fanzha.assessment.models import Certificate
from fanzha.assessment.models.certification import VERDICTS, CertificateStatus, SubjectKind, verdict_of
from fanzha.assessment.services import (
    EntryError,
    enter_criterion,
    publish_certificates,
    review_certificate,
    revoke_certificate,
    set_service_duties,
)
from fanzha.assessment.views.params import year_param
from fanzha.core.numbers import whole_number
from fanzha.orgs.choices import TOWN_KINDS
from fanzha.orgs.models import OrgUnit


def _posted_year(request) -> int:
    text = request.POST.get("year", "")
    year = whole_number(text, digits=4)
    if year is None or not 1990 <= year <= 2100:
        raise Http404(f"年度「{text}」无法识别")
    return year


def _kind(request) -> str:
    kind = request.GET.get("kind") or request.POST.get("kind") or SubjectKind.VILLAGE
    if kind not in SubjectKind.values:
        raise Http404("创建类型只能是 village 或 unit")
    return kind


@login_required
@permission_required("assessment.view_certificate", raise_exception=True)
def certificate_list(request):
    errors: list[str] = []
    year, kind = year_param(request, errors), _kind(request)
    everything = list(
        Certificate.objects.visible_to(request.user)
        .filter(subject_kind=kind, year=year)
        .select_related("org__parent")
    )
    towns = OrgUnit.objects.visible_to(request.user).filter(kind__in=TOWN_KINDS).order_by("code")
    town = (
        towns.filter(pk=town_id).first()
        if (town_id := whole_number(request.GET.get("town"))) is not None
        else None
    )
    status, verdict = request.GET.get("status", ""), request.GET.get("verdict", "")
    shown = [
        c
        for c in everything
        if (town is None or c.org.path.startswith(town.path))
        and (not status or c.status == status)
        and (not verdict or c.verdict == verdict)
    ]
    counts = Counter(c.verdict for c in everything)
    context = {
        "certificates": shown,
        "year": year,
        "kind": kind,
        "kinds": SubjectKind.choices,
        "errors": errors,
        "total": len(everything),
        "counts": {key: counts.get(key, 0) for key in VERDICTS},
        "verdicts": VERDICTS.items(),
        "statuses": CertificateStatus.choices,
        "towns": towns,
        "town": town,
        "status": status,
        "verdict": verdict,
        "to_review": sum(1 for c in everything if c.status == CertificateStatus.COMPUTED),
        "reviewed": sum(1 for c in everything if c.status == CertificateStatus.REVIEWED),
    }
    return render(request, "assessment/certificates.html", context)


@login_required
@permission_required("assessment.certify", raise_exception=True)
@require_POST
def certificate_run(request):
    year, kind = _posted_year(request), _kind(request)
    results = run_certification(kind, year)
    messages.success(
        request, f"已测算 {len(results)} 个对象，其中 {sum(r['certified'] for r in results)} 个达标"
    )
    return redirect(f"{reverse('assessment:certify')}?year={year}&kind={kind}")


@login_required
@permission_required("assessment.certify", raise_exception=True)
@require_POST
def certificate_publish(request):
    year, kind = _posted_year(request), _kind(request)
    try:
        count = publish_certificates(request.user, kind, year, Certificate.objects.visible_to(request.user))
    except EntryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已公布 {count} 个审核通过的结果")
    return redirect(f"{reverse('assessment:certify')}?year={year}&kind={kind}")


@login_required
@permission_required("assessment.view_certificate", raise_exception=True)
def certificate_subject(request, code):
    org = OrgUnit.objects.visible_to(request.user).filter(code=code).first()
    if org is None:
        raise Http404("没有这个单位，或不在您的管辖范围内")
    errors: list[str] = []
    year, kind = year_param(request, errors), _kind(request)
    certificate = Certificate.objects.filter(subject_kind=kind, year=year, org=org).first()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "service_duties":
                set_service_duties(request.user, org, request.POST.get("value") == "1")
                run_certification(kind, year)
                messages.success(request, "已修改“具有服务管理职责”并重新测算")
                return redirect(f"{request.path}?year={year}&kind={kind}")
            if not request.user.has_perm("assessment.certify"):
                raise EntryError("您没有评定、审核无诈创建的权限")
            if action == "judge":
                enter_criterion(
                    request.user,
                    kind,
                    org,
                    year,
                    request.POST.get("criterion", ""),
                    request.POST.get("passed") == "1",
                    request.POST.get("evidence", ""),
                )
                run_certification(kind, year)
                messages.success(request, "评定已保存并重新测算")
            elif action == "review" and certificate:
                review_certificate(request.user, certificate)
                messages.success(request, "已审核")
            elif action == "revoke" and certificate:
                revoke_certificate(request.user, certificate, request.POST.get("note", ""))
                messages.success(request, "已撤销")
        except EntryError as error:
            messages.error(request, str(error))
        return redirect(f"{request.path}?year={year}&kind={kind}")
    live = evaluate(kind, org, year)
    live["verdict"] = verdict_of(live["certified"], live["criteria"])
    assessed = [c for c in CRITERIA[kind] if c.judged]
    return render(
        request,
        "assessment/certificate.html",
        {
            "org": org,
            "year": year,
            "kind": kind,
            "certificate": certificate,
            "live": live,
            "assessed": assessed,
        },
    )
