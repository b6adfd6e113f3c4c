"""Inspection actions: record an inspection and its findings, the unit's report, the office's 销号 or
退回 — each validated, scoped by the caller and audited in its transaction."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from fanzha.audit import actions
from fanzha.core import clock
from fanzha.inspections.models import Finding, FindingStatus, Inspection
from fanzha.orgs.scope import covers

INSPECTION_AUDIT = ("org", "inspected_on", "inspectors", "subject", "note")
FINDING_AUDIT = ("inspection", "problem", "deadline", "status", "rectification", "review_note")


class InspectionError(ValueError):
    """A Chinese sentence for the user."""


def today() -> date:
    """Today in Beijing time, from core/clock (tests move it)."""
    return timezone.localtime(clock.now()).date()


@dataclass
class FindingInput:
    problem: str
    deadline: date


def _check_finding(inspection_day: date, item: FindingInput, row: str = "") -> None:
    if not item.problem.strip():
        raise InspectionError(f"{row}请填写发现的问题")
    if item.deadline < inspection_day:
        raise InspectionError(f"{row}整改时限不能早于检查日期（{inspection_day:%Y-%m-%d}）")


@transaction.atomic
def record_inspection(
    user, org, inspected_on: date, inspectors: str, subject: str, note: str, findings: list[FindingInput]
) -> Inspection:
    if not covers(user, org):
        raise InspectionError("被检查单位不在您的管辖范围内")
    if not inspectors.strip() or not subject.strip():
        raise InspectionError("请填写检查人员和检查内容")
    for number, item in enumerate(findings, 1):
        _check_finding(inspected_on, item, f"第{number}个问题：")
    inspection = actions.create(
        user,
        lambda: Inspection.objects.create(
            org=org,
            inspected_on=inspected_on,
            inspectors=inspectors.strip(),
            subject=subject.strip(),
            note=note.strip(),
            created_by=user,
        ),
        INSPECTION_AUDIT,
    )
    for item in findings:
        add_finding(user, inspection, item)
    return inspection


def add_finding(user, inspection: Inspection, item: FindingInput) -> Finding:
    _check_finding(inspection.inspected_on, item)
    return actions.create(
        user,
        lambda: Finding.objects.create(
            inspection=inspection, problem=item.problem.strip(), deadline=item.deadline
        ),
        FINDING_AUDIT,
    )


def report(user, finding: Finding, text: str) -> Finding:
    """The unit's 整改情况; a returned finding is reported again."""
    if finding.status == FindingStatus.CLOSED:
        raise InspectionError("该问题已销号")
    if not text.strip():
        raise InspectionError("请填写整改情况")

    def apply():
        finding.rectification, finding.status = text.strip(), FindingStatus.REPORTED
        finding.reported_at = clock.now()

    return actions.update(user, finding, FINDING_AUDIT, apply)


def review(user, finding: Finding, close: bool, note: str) -> Finding:
    """The office closes (销号) a reported finding, or returns it with the reason."""
    if finding.status != FindingStatus.REPORTED:
        raise InspectionError("只有已报送整改情况的问题才能销号或退回")
    if not close and not note.strip():
        raise InspectionError("退回时请写明原因")

    def apply():
        finding.status = FindingStatus.CLOSED if close else FindingStatus.RETURNED
        finding.review_note = note.strip()
        finding.closed_at = clock.now() if close else None

    return actions.update(user, finding, FINDING_AUDIT, apply)
