"""三告登记 (004's 三告 register): every 函告, public quarterly 通告 and annual 报告 issued — its number,
date, addressee and, for a 函告, the case — filtered by year of issue and kind. A register row never
carries the victim's identity: the case is named by its number, the addressee is a unit."""

from dataclasses import dataclass
from datetime import date

from fanzha.cases.models import Case
from fanzha.reports.models import LETTER, THREE_NOTICES, Bulletin, BulletinStatus

KIND_LABELS = {LETTER: "函告", "public": "通告", "annual": "报告"}


@dataclass
class Entry:
    bulletin: Bulletin
    kind: str  # 函告, 通告, 报告
    number: str  # 〔2024〕函告第12号
    issued_on: date
    addressee: str
    subject: str  # the case number, or the period's label
    case_id: int | None  # the case, when the reader may open it

    def as_json(self) -> dict:
        return {
            "id": self.bulletin.pk,
            "kind": self.bulletin.kind,
            "kind_label": self.kind,
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "addressee": self.addressee,
            "subject": self.subject,
            "sha256": self.bulletin.sha256,
        }


def years(user) -> list[int]:
    found = (
        Bulletin.objects.visible_to(user)
        .filter(kind__in=THREE_NOTICES, status=BulletinStatus.ISSUED)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(found, reverse=True)


def entries(user, year: int | None = None, kind: str = "") -> list[Entry]:
    """The issued 三告 the user's subtree holds, newest number first within a year."""
    issued = (
        Bulletin.objects.visible_to(user)
        .filter(kind__in=THREE_NOTICES, status=BulletinStatus.ISSUED)
        .defer("document", "figures")
        .select_related("case")
        .order_by("-year", "kind", "-number")
    )
    if year:
        issued = issued.filter(year=year)
    if kind in THREE_NOTICES:
        issued = issued.filter(kind=kind)
    issued = list(issued)
    case_ids = [b.case_id for b in issued if b.case_id]
    visible = set(Case.objects.visible_to(user).filter(pk__in=case_ids).values_list("pk", flat=True))
    return [
        Entry(
            bulletin=b,
            kind=KIND_LABELS[b.kind],
            number=b.number_text,
            issued_on=b.issued_on,
            addressee=b.addressee,
            subject=b.period if b.is_letter else b.get_kind_display() + " " + b.period,
            case_id=b.case_id if b.case_id in visible else None,
        )
        for b in issued
    ]


HEADER = ["类别", "文号", "成文日期", "主送", "案件或期间", "文件摘要（SHA-256）"]


def sheet_rows(found: list[Entry]):
    yield HEADER
    for e in found:
        yield [e.kind, e.number, e.issued_on, e.addressee, e.subject, e.bulletin.sha256]
