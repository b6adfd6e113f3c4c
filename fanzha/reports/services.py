"""The actions on a 通报: draft it, edit its paragraphs, 签发 it. Each derives, saves and audits in one
transaction. Issuing numbers it (per kind and year of issue), renders and archives the .docx with its
figures and hash, and — for a monthly 通报 — records one 排名通报 per unit it names, carrying its
number: a ranking notice exists only because an issued document names the unit."""

import hashlib
from datetime import date

from django.db import transaction
from django.db.models import Max

from fanzha.assessment.escalations import NamedUnit, record_bulletin_notices
from fanzha.audit.log import record_change, snapshot
from fanzha.core import clock
from fanzha.core.periods import BEIJING, PeriodError
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.reports.cadences import get_cadence
from fanzha.reports.content import Content, build_content, default_issuer, default_signatory
from fanzha.reports.drafting import suggested_features, suggested_requirements
from fanzha.reports.letters import addressee, letter_content
from fanzha.reports.models import LETTER, Bulletin, BulletinStatus
from fanzha.reports.monthly import build_report
from fanzha.reports.word import render_docx

AUDITED = ["kind", "period", "status", "issuer", "signatory", "features", "requirements", "year", "number"]
AUDITED_ISSUE = [*AUDITED, "prefix", "addressee", "issued_on", "sha256"]
PUBLIC = "社会公众"  # whom a public 通告 is addressed to, in the register


class BulletinError(ValueError):
    pass


def _today() -> date:
    return clock.now().astimezone(BEIJING).date()


def issued(kind: str, period: str) -> Bulletin | None:
    return Bulletin.objects.filter(kind=kind, period=period, status=BulletinStatus.ISSUED).first()


@transaction.atomic
def draft_bulletin(user, kind: str, period_text: str) -> Bulletin:
    """The draft of a kind and period: the one already open, or a new one whose paragraphs are written
    from the figures. A period already issued is refused (its 通报 is in the archive)."""
    try:
        cadence = get_cadence(kind)
        period = cadence.parse(period_text)
    except PeriodError as error:
        raise BulletinError(str(error)) from None
    if period.end > clock.now():
        raise BulletinError(f"{period.label}尚未结束，不能起草{cadence.label}")
    done = issued(kind, str(period))
    if done is not None:
        raise BulletinError(
            f"{period.label}{cadence.label}已于{done.issued_on:%Y年%-m月%-d日}签发（{done.number_text}），请在归档中下载"
        )
    existing = Bulletin.objects.filter(kind=kind, period=str(period), status=BulletinStatus.DRAFT).first()
    if existing is not None:
        return existing
    county = _county()
    report = build_report(cadence, period)
    issuer = default_issuer(county.name)
    bulletin = Bulletin.objects.create(
        kind=kind,
        period=str(period),
        org=county,
        issuer=issuer,
        signatory=default_signatory(issuer),
        features=suggested_features(report),
        requirements=suggested_requirements(report),
        created_by=user,
    )
    record_change(user, "create", bulletin, None, snapshot(bulletin, AUDITED))
    return bulletin


def _county() -> OrgUnit:
    county = OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()
    if county is None:
        raise BulletinError("尚未建立县级单位，无法起草通报")
    return county


@transaction.atomic
def draft_letter(user, case) -> Bulletin:
    """A case's 函告 (004: 一案一“函告”) as a draft the office issues: the one already open, or a new one
    addressed to the victim's employer or the village. A case whose 函告 was issued gets no second one."""
    done = (  # by the case, or by its number should the case have been renumbered since
        Bulletin.objects.filter(kind=LETTER, case=case, status=BulletinStatus.ISSUED).first()
        or issued(LETTER, case.case_number)
    )
    if done is not None:
        raise BulletinError(
            f"案件{case.case_number}的函告已于{done.issued_on:%Y年%-m月%-d日}签发（{done.number_text}），请在归档中下载"
        )
    existing = Bulletin.objects.filter(kind=LETTER, case=case, status=BulletinStatus.DRAFT).first()
    if existing is not None:
        return existing
    issuer = default_issuer(_county().name)
    letter = Bulletin.objects.create(
        kind=LETTER,
        period=case.case_number,
        case=case,
        org=_county(),
        issuer=issuer,
        signatory=default_signatory(issuer),
        addressee=addressee(case),
        created_by=user,
    )
    record_change(user, "create", letter, None, snapshot(letter, AUDITED))
    return letter


def _check_text(label: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise BulletinError(f"「{label}」不能为空")
    if len(value) > limit:
        raise BulletinError(f"「{label}」不能超过{limit}个字（现为{len(value)}个）")
    return value


@transaction.atomic
def edit_bulletin(user, bulletin: Bulletin, *, issuer: str, signatory: str, features: str, requirements: str):
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_issued:
        raise BulletinError(f"{bulletin.number_text}已签发，不能再修改")
    before = snapshot(bulletin, AUDITED)
    bulletin.issuer = _check_text("发文机关", issuer, 60)
    bulletin.signatory = _check_text("落款", signatory, 60)
    bulletin.features = (features or "").strip()
    bulletin.requirements = (requirements or "").strip()
    bulletin.save()
    record_change(user, "update", bulletin, before, snapshot(bulletin, AUDITED))
    return bulletin


def _letter(bulletin: Bulletin, dated: date) -> Content:
    return letter_content(bulletin.case, bulletin.issuer, dated, bulletin.number_text, bulletin.signatory)


def content_of(bulletin: Bulletin, report=None) -> Content:
    """What the document prints: the archived content of an issued 通报, or the draft as it stands."""
    if bulletin.is_issued:
        return Content.from_json(bulletin.figures)
    if bulletin.is_letter:
        return _letter(bulletin, _today())
    cadence = get_cadence(bulletin.kind)
    report = report or build_report(cadence, cadence.parse(bulletin.period))
    return build_content(
        report,
        issuer=bulletin.issuer,
        number=bulletin.number_text,
        signatory=bulletin.signatory,
        dated=_today(),
        features=bulletin.features,
        requirements=bulletin.requirements,
    )


def document_bytes(bulletin: Bulletin) -> bytes:
    """The .docx: as issued (checked against its hash) or the draft rendered now."""
    if bulletin.is_issued:
        if not bulletin.intact():
            raise BulletinError(f"{bulletin.number_text}的归档文件与签发时的摘要不一致，请联系管理员")
        return bytes(bulletin.document)
    return render_docx(content_of(bulletin))


def _addressee(bulletin: Bulletin) -> str:
    """Whom an issued document is sent to, as the 三告 register lists it."""
    if bulletin.is_letter:
        return addressee(bulletin.case)
    if bulletin.kind == "public":
        return PUBLIC
    if bulletin.kind == "annual":
        return config.current()["bulletin.annual_recipient"]
    return ""


@transaction.atomic
def issue_bulletin(user, bulletin: Bulletin) -> Bulletin:
    """签发 a 通报 or a 函告: number it (per kind and year of issue: a failed issue rolls back whole and
    takes no number, so numbers run on without gaps and none is ever given twice), render the .docx
    from the ledger as it stands, archive it with its content and hash."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_issued:
        raise BulletinError(f"{bulletin.number_text}已签发")
    what = (
        f"案件{bulletin.period}的函告"
        if bulletin.is_letter
        else f"{bulletin.period}的{bulletin.get_kind_display()}"
    )
    if issued(bulletin.kind, bulletin.period) is not None:
        raise BulletinError(f"{what}已签发，不能再签发一次")
    before = snapshot(bulletin, AUDITED_ISSUE)
    today = _today()
    # numbers are per kind and year: lock the kind's issued rows so two issuers never share a number
    taken = Bulletin.objects.select_for_update().filter(kind=bulletin.kind, year=today.year)
    bulletin.year = today.year
    bulletin.number = (taken.aggregate(top=Max("number"))["top"] or 0) + 1
    bulletin.issued_on = today
    bulletin.addressee = _addressee(bulletin)
    if bulletin.is_letter:
        bulletin.prefix = config.current()["letter.prefix"]
        content = _letter(bulletin, today)
    else:
        cadence = get_cadence(bulletin.kind)
        period = cadence.parse(bulletin.period)
        content = build_content(
            build_report(cadence, period),
            issuer=bulletin.issuer,
            number=bulletin.number_text,
            signatory=bulletin.signatory,
            dated=today,
            features=bulletin.features,
            requirements=bulletin.requirements,
        )
    document = render_docx(content)
    bulletin.document = document
    bulletin.sha256 = hashlib.sha256(document).hexdigest()
    bulletin.figures = content.as_json()
    bulletin.status = BulletinStatus.ISSUED
    bulletin.issued_by = user
    bulletin.issued_at = clock.now()
    bulletin.save()
    if not bulletin.is_letter and cadence.names_units:
        named = [
            NamedUnit(u["org_id"], u["level"], u["position"], u["cases"], u["loss_fen"])
            for u in content.named
        ]
        record_bulletin_notices(period, bulletin.number_text, today, named)
    record_change(user, "update", bulletin, before, snapshot(bulletin, AUDITED_ISSUE))
    return bulletin
