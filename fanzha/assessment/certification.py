"""无诈村(社区) / 无诈单位 certification (003), criterion by criterion.

A criterion is computed from the ledgers where the platform holds the facts, and otherwise read from
an assessor's judgement with evidence (CriterionInput). Criteria 3–4 of the village standard and 2
of the unit standard read the key-person and den ledgers (keypersons/queries.py); unit criterion 3
reads the outreach ledger, and falls back to the assessor when the ledger holds no activity (a
compute that returns None defers to the assessor)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from fanzha.assessment.models import Certificate, CriterionInput, Notice
from fanzha.assessment.models.certification import CertificateStatus, SubjectKind
from fanzha.assessment.models.notices import NoticeKind
from fanzha.assessment.tally import counted_cases, tally
from fanzha.cases.choices import STAFF_AND_FAMILY
from fanzha.core.money import format_wan
from fanzha.core.periods import Period
from fanzha.keypersons import queries as key_persons
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.parameters.levels import get_level
from fanzha.prevention import queries as outreach

HALF = Decimal("0.5")


@dataclass(frozen=True)
class Verdict:
    passed: bool | None  # None: not yet judged
    reason: str
    source: str = "computed"  # computed | assessor | pending | not_applicable


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    plan: str
    compute: Callable | None = None  # (org, year, context) -> Verdict, or None to defer to the assessor
    fallback: bool = False  # an assessor may judge it when the compute defers

    @property
    def judged(self) -> bool:
        """Does an assessor's judgement ever decide this criterion?"""
        return self.compute is None or self.fallback


def fell_by_half(before: int, after: int) -> bool:
    """下降50%以上 (以上 includes 50 %): after ≤ half of before; undefined (False) when before is 0."""
    return before > 0 and Decimal(after) <= Decimal(before) * HALF


def village_trend(
    h1: int, h2: int, last_year: int, first_year: bool, reading: str = "year_dependent"
) -> Verdict:
    """003 无诈村 标准1: 「村(社区)内没有电信网络诈骗案件发生，或xxxx年下半年发案量环比xxxx年上半年下降50%
    以上，xxxx年至xxxx年全年发案量同比下降50%以上」. No case passes. Otherwise, by reading:
    "year_dependent" (default) — H2 vs H1 in the first creation year, year on year after; "either" —
    one of the two; "both" — both."""
    year = h1 + h2
    if year == 0:
        return Verdict(True, "全年无案件")
    half_ok, year_ok = fell_by_half(h1, h2), fell_by_half(last_year, year)
    half_text = f"上半年{h1}起、下半年{h2}起（{'' if half_ok else '未'}下降50%以上）"
    year_text = f"上年{last_year}起、本年{year}起（{'' if year_ok else '未'}同比下降50%以上）"
    if reading == "both":
        return Verdict(half_ok and year_ok, f"{half_text}；{year_text}")
    if reading == "either":
        return Verdict(half_ok or year_ok, f"{half_text}；{year_text}")
    if first_year:
        return Verdict(half_ok, f"创建首年，{half_text}")
    return Verdict(year_ok, year_text)


def _village_figures(context, year) -> dict:
    """Per-village H1, H2, last year's count and the largest loss, read once per run."""
    if "villages" not in context:
        spans = {"h1": Period(year, 1, 6), "h2": Period(year, 7, 6), "last_year": Period(year - 1, 1, 12)}
        excluded = context["settings"]["indicators.excluded_statuses"]
        counted = tally(spans, level=get_level("village"), excluded_statuses=excluded, with_money=False)
        period = Period(year, 1, 12)
        largest = dict(
            counted_cases(excluded)
            .filter(reported_at__gte=period.start, reported_at__lt=period.end)
            .values_list("place_id")
            .annotate(top=Max("loss_fen"))
            .order_by()
        )
        context["villages"] = {"counts": counted, "largest": largest}
    return context["villages"]


def _village_trend(org, year, context) -> Verdict:
    counts = _village_figures(context, year)["counts"]
    h1, h2, last_year = (
        counts[name].get(org.id).cases if org.id in counts[name] else 0 for name in ("h1", "h2", "last_year")
    )
    return village_trend(
        h1, h2, last_year, context["first_year"], context["settings"]["certify.village_trend"]
    )


def _no_major_case(org, year, context) -> Verdict:
    """003 无诈村 标准2: 「期内未发生50万以上(含本数)的电信网络诈骗案件」 (期内: the assessment year)."""
    threshold = context["settings"]["review.threshold_yuan"]
    largest = _village_figures(context, year)["largest"].get(org.id)
    if largest is not None and largest >= threshold * 100:
        return Verdict(False, f"发生损失{format_wan(largest)}的案件，达到{threshold // 10000}万元（含本数）")
    return Verdict(True, "无50万元以上案件" + (f"（最大单笔损失{format_wan(largest)}）" if largest else ""))


def _no_staff_victims(org, year, context) -> Verdict:
    """003 无诈单位 标准1: 「单位工作人员(含合同制、临聘人员)」及其「家属(指父母、配偶、子女)」没有被骗案件 —
    no percentage allowed."""
    period = Period(year, 1, 12)
    found = (
        counted_cases(context["settings"]["indicators.excluded_statuses"])
        .filter(employer=org, employer_relation__in=STAFF_AND_FAMILY)
        .filter(reported_at__gte=period.start, reported_at__lt=period.end)
        .count()
    )
    if found:
        return Verdict(False, f"本单位工作人员或其家属被骗{found}起")
    return Verdict(True, "工作人员（含合同制、临聘人员）及其父母、配偶、子女无被骗案件")


def _no_sanction(org, year, context) -> Verdict:
    """003 无诈单位 标准4: 具有服务管理职责的单位「未因不履行主体职责而被县创建工作领导小组」「通报批评、约谈、
    责令整改」. Not applicable to units without such duties."""
    if not org.has_service_duties:
        return Verdict(True, "本单位不具有服务管理职责，本项不适用", "not_applicable")
    sanctions = Notice.objects.filter(
        org=org,
        by_creation_group=True,
        kind__in=(NoticeKind.CRITICISM, NoticeKind.INTERVIEW, NoticeKind.RECTIFICATION_ORDER),
        issued_on__year=year,
    )
    names = [n.get_kind_display() for n in sanctions]
    if names:
        return Verdict(False, "被县创建工作领导小组" + "、".join(names))
    return Verdict(True, "未被通报批评、约谈或责令整改")


def _people_text(people) -> str:
    shown = "、".join(f"{p.get_category_display()}{p.name[:1]}某" for p in people[:5])
    return shown + (f"等{len(people)}人" if len(people) > 5 else "")


def _no_resident_offenders(org, year, context) -> Verdict:
    """003 无诈村 标准3: 「常住及暂住人口中没有电信网络诈骗违法犯罪人员」和「滞留缅北涉诈高危人员、拦截人员」."""
    found = key_persons.residents_of_concern(org.id, year)
    if found:
        return Verdict(False, "重点人员台账中列管有" + _people_text(found))
    return Verdict(True, "重点人员台账中本村(社区)常住、暂住人口无上述人员")


def _no_den(org, year, context) -> Verdict:
    """003 无诈村 标准4: 「没有电信网络诈骗违法犯罪窝点」."""
    dens = key_persons.dens_found(org.id, year)
    if dens:
        return Verdict(
            False, "查获窝点：" + "；".join(f"{d.found_on:%Y-%m-%d} {d.address}" for d in dens[:3])
        )
    return Verdict(True, "窝点台账中本年无查获记录")


def _no_staff_offenders(org, year, context) -> Verdict:
    """003 无诈单位 标准2: 「单位工作人员及其家属没有电信网络诈骗违法犯罪人员」(含滞留缅北、拦截人员)."""
    found = key_persons.staff_of_concern(org.id, year)
    if found:
        return Verdict(False, "重点人员台账中列管有本单位工作人员或家属：" + _people_text(found))
    return Verdict(True, "重点人员台账中无本单位工作人员及家属")


def _outreach_done(org, year, context) -> Verdict | None:
    """003 无诈单位 标准3: 「对单位工作人员及服务管理对象不定期开展宣传防范工作」 (frequency not stated):
    passed when the outreach ledger holds the unit's activities that year; otherwise the assessor decides."""
    held = outreach.activities_in_year(org.id, year)
    if held:
        return Verdict(True, f"宣防台账中本年开展宣传活动{held}次")
    return None


CRITERIA = {
    SubjectKind.VILLAGE: [
        Criterion("case_trend", "无案件或发案下降50%以上", "003 标准1", _village_trend),
        Criterion("no_major_case", "无50万元以上(含)案件", "003 标准2", _no_major_case),
        Criterion(
            "no_offenders",
            "常住及暂住人口中无涉诈违法犯罪、滞留缅北涉诈高危、拦截人员",
            "003 标准3",
            _no_resident_offenders,
        ),
        Criterion("no_den", "无电信网络诈骗违法犯罪窝点", "003 标准4", _no_den),
        Criterion("duties_performed", "积极认真履职，工作措施落到实处", "003 标准5"),
    ],
    SubjectKind.UNIT: [
        Criterion("no_staff_victims", "工作人员及家属无被骗案件", "003 标准1", _no_staff_victims),
        Criterion(
            "no_offenders",
            "工作人员及家属无涉诈违法犯罪、滞留缅北、拦截人员",
            "003 标准2",
            _no_staff_offenders,
        ),
        Criterion(
            "outreach_done",
            "对工作人员及服务管理对象开展宣传防范",
            "003 标准3",
            _outreach_done,
            fallback=True,
        ),
        Criterion("no_sanction", "未被县创建工作领导小组通报批评、约谈、责令整改", "003 标准4", _no_sanction),
    ],
}

SUBJECT_KINDS = {SubjectKind.VILLAGE: tuple(PLACE_KINDS), SubjectKind.UNIT: (OrgKind.MEMBER_UNIT,)}


def creation_year(subject_kind: str, year: int, settings: dict) -> int:
    configured = settings["certify.creation_year"]
    if configured:
        return int(configured)
    earliest = (
        Certificate.objects.filter(subject_kind=subject_kind)
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
    return min(earliest, year) if earliest else year


def evaluate(
    subject_kind: str,
    org: OrgUnit,
    year: int,
    settings: dict | None = None,
    inputs=None,
    shared: dict | None = None,
) -> dict:
    """One subject's verdict on every criterion. `shared` carries figures read once for a whole run."""
    settings = settings or config.current()
    context = shared if shared is not None else {}
    context |= {"settings": settings, "first_year": year == creation_year(subject_kind, year, settings)}
    if inputs is None:
        inputs = {
            i.criterion: i
            for i in CriterionInput.objects.filter(subject_kind=subject_kind, org=org, year=year)
        }
    criteria = []
    for criterion in CRITERIA[subject_kind]:
        verdict = criterion.compute(org, year, context) if criterion.compute is not None else None
        if verdict is not None:
            pass
        elif criterion.id in inputs:
            entry = inputs[criterion.id]
            verdict = Verdict(entry.passed, f"考核人评定：{entry.evidence}", "assessor")
        else:
            verdict = Verdict(None, "待考核人评定", "pending")
        criteria.append(
            {
                "id": criterion.id,
                "label": criterion.label,
                "passed": verdict.passed,
                "reason": verdict.reason,
                "source": verdict.source,
            }
        )
    return {
        "code": org.code,
        "name": org.name,
        "certified": all(c["passed"] is True for c in criteria),
        "pending": [c["id"] for c in criteria if c["passed"] is None],
        "criteria": criteria,
    }


def subjects(subject_kind: str):
    return OrgUnit.objects.filter(kind__in=SUBJECT_KINDS[subject_kind], is_active=True).order_by("code")


def run_certification(subject_kind: str, year: int, settings: dict | None = None) -> list[dict]:
    """Evaluate every subject; store the result. A stored result that is still only computed is
    refreshed; a published one is never silently changed — if it no longer holds it is flagged for
    revocation with the reason."""
    settings = settings or config.current()
    results = []
    shared: dict = {}
    stored = {c.org_id: c for c in Certificate.objects.filter(subject_kind=subject_kind, year=year)}
    inputs: dict = {}
    for entry in CriterionInput.objects.filter(subject_kind=subject_kind, year=year):
        inputs.setdefault(entry.org_id, {})[entry.criterion] = entry
    for org in subjects(subject_kind):
        result = evaluate(subject_kind, org, year, settings, inputs.get(org.id, {}), shared)
        certificate = stored.get(org.id)
        if certificate is None:
            certificate = Certificate.objects.create(
                subject_kind=subject_kind,
                year=year,
                org=org,
                certified=result["certified"],
                criteria=result["criteria"],
            )
        elif certificate.status in (CertificateStatus.COMPUTED, CertificateStatus.REVIEWED):
            if certificate.criteria != result["criteria"] or certificate.certified != result["certified"]:
                certificate.certified, certificate.criteria = result["certified"], result["criteria"]
                certificate.status = CertificateStatus.COMPUTED  # changed since review: review again
                certificate.save()
        else:
            flag_if_no_longer_held(certificate, result)
        results.append(
            result | {"status": certificate.status, "status_label": certificate.get_status_display()}
        )
    return results


def flag_if_no_longer_held(certificate, result: dict) -> bool:
    """A published certificate whose subject no longer meets the standard is flagged 待撤销."""
    if certificate.status != CertificateStatus.PUBLISHED or not certificate.certified or result["certified"]:
        return False
    failed = [c["label"] + "：" + c["reason"] for c in result["criteria"] if c["passed"] is False]
    certificate.status = CertificateStatus.REVOCATION_FLAGGED
    certificate.flag_reason = "公布后出现不符合标准的情况：" + "；".join(failed)
    certificate.save()
    return True


def recheck_published(year: int, settings: dict | None = None) -> int:
    """Re-evaluate only the published certificates of a year (cheap: run with the monthly rules),
    so a case entered after publication flags its certificate without anyone re-running 测算."""
    settings = settings or config.current()
    shared: dict = {}
    flagged = 0
    published = Certificate.objects.filter(year=year, status=CertificateStatus.PUBLISHED, certified=True)
    for certificate in published.select_related("org"):
        result = evaluate(certificate.subject_kind, certificate.org, year, settings, None, shared)
        flagged += flag_if_no_longer_held(certificate, result)
    return flagged
