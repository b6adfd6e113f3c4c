"""Every change to a case goes through here, so that each is derived, scoped and audited alike."""

from django.db import transaction
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.cases import derive, grading, signals
from fanzha.cases.choices import Grade
from fanzha.cases.models import LEDGER_FIELDS, Case, SuspectIdentifier
from fanzha.cases.pii import SNAPSHOT_SEPARATOR
from fanzha.core import idcard
from fanzha.core.money import format_yuan

AUDITED_FIELDS = LEDGER_FIELDS


def snapshot(case: Case) -> dict:
    """Readable values of the audited fields (names, labels, 元, Beijing time) plus identifiers."""
    data = {}
    for name in AUDITED_FIELDS:
        field = Case._meta.get_field(name)
        value = getattr(case, name)
        if name.endswith("_fen"):
            value = format_yuan(value, grouping=False)
        elif field.is_relation:
            value = str(value) if value is not None else None
        elif field.choices:
            value = getattr(case, f"get_{name}_display")() if value else ""
        elif hasattr(value, "tzinfo"):
            value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None
        data[name] = value
    if case.pk:
        data["identifiers"] = SNAPSHOT_SEPARATOR.join(
            sorted(f"{i.get_kind_display()}:{i.value}" for i in SuspectIdentifier.objects.filter(case=case))
        )
    return data


def fill_derived(case: Case) -> None:
    """Station from the place when not given; town from the place; sex and age from the ID number."""
    if case.station_id is None and case.place_id is not None:
        case.station_id = case.place.station_id
    if case.place_id is not None:
        town = derive.town_of(case.place)
        case.town_id = town.pk if town else None
    if case.victim_id_number:
        if not case.victim_sex:
            case.victim_sex = idcard.sex(case.victim_id_number)
        if case.victim_age is None and case.reported_at:
            case.victim_age = idcard.age_on(
                case.victim_id_number, timezone.localtime(case.reported_at).date()
            )
    if not case.victim_group:
        case.victim_group = derive.default_group(case.victim_age)


def _replace_identifiers(case: Case, identifiers: list[tuple[str, str]]) -> None:
    SuspectIdentifier.objects.filter(case=case).delete()
    SuspectIdentifier.objects.bulk_create(
        [SuspectIdentifier(case=case, kind=kind, value=value) for kind, value in dict.fromkeys(identifiers)]
    )


@transaction.atomic
def save_case(user, case: Case, identifiers: list[tuple[str, str]] | None = None) -> Case:
    """Create or update a case from the UI or the API, with its audit record."""
    is_new = case.pk is None
    before = None if is_new else snapshot(Case.objects.get(pk=case.pk))
    fill_derived(case)
    case.updated_at = timezone.now()
    case.save()
    if identifiers is not None:
        _replace_identifiers(case, identifiers)
    grading.regrade([case.pk])
    case.grade = Case.objects.values_list("grade", flat=True).get(pk=case.pk)
    after = snapshot(case)
    if is_new or before != after:
        audit.record_change(user, "create" if is_new else "update", case, before, after)
    signals.case_saved.send(sender=Case, case_ids=[case.pk], user=user, source="form")
    return case


def apply_import_update(user, case: Case, row: dict) -> None:
    """An imported row that differs from the stored case: update it and audit before/after."""
    before = snapshot(case)
    for name, value in row.items():
        if name == "identifiers":
            continue
        setattr(case, name, value)
    case.updated_at = timezone.now()
    case.save()
    _replace_identifiers(case, [(i["kind"], i["value"]) for i in row.get("identifiers") or []])
    case.refresh_from_db()
    audit.record_change(user, "update", case, before, snapshot(case))


@transaction.atomic
def credit_recovery(user, case: Case, fen: int, reason: str) -> Case:
    """挽损: add money returned to the victim (e.g. 冻结资金返还) to the case's recovered amount, audited
    with the reason. The amount is a positive number of fen."""
    if fen <= 0:
        raise ValueError("挽损金额应大于0")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = snapshot(case)
    case.recovered_fen += fen
    case.updated_at = timezone.now()
    case.save(update_fields=["recovered_fen", "updated_at"])
    after = snapshot(case)
    after["recovery_reason"] = reason
    audit.record_change(user, "update", case, before, after)
    return case


class GradeError(ValueError):
    pass


@transaction.atomic
def set_grade(user, case: Case, grade: int | None, reason: str) -> Case:
    """The county office sets a case's grade by hand (or, with None, returns it to the derived one),
    with a reason; audited. A hand-set grade survives every re-derivation."""
    reason = (reason or "").strip()
    if grade is not None and grade not in Grade.values:
        raise GradeError("案件等级应为一级、二级或三级")
    if not reason:
        raise GradeError("请填写调整等级的理由")
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = _grade_snapshot(case)
    case.grade_override = grade
    case.grade_reason = reason if grade is not None else None
    case.save(update_fields=["grade_override", "grade_reason"])
    grading.regrade([case.pk])
    case.refresh_from_db()
    after = _grade_snapshot(case)
    after["grade_change_reason"] = reason
    audit.record_change(user, "update", case, before, after)
    return case


def _grade_snapshot(case: Case) -> dict:
    return {
        "grade": case.get_grade_display() if case.grade else "",
        "grade_override": case.get_grade_override_display() if case.grade_override else "（按规则）",
    }
