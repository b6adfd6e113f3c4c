"""Imports of the directory: 联络员 and 领导小组 sheets as offices keep them. Same rules as every ledger
import (errors as 第N行「列名」：原因, atomic unless --partial); a row is known by its unit and name
(a liaison) or its group, 小组职务 and name (the leading group): a re-import updates what changed and
audits it, and leaves the rest."""

import polars as pl
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.core.phones import phone_stages
from fanzha.directory.models import LIAISON_KINDS, GroupRole, LeadershipMember, Liaison, LiaisonRole
from fanzha.imports import cells
from fanzha.imports.ledger import EARLIEST, Field, LedgerImporter, choice_map
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Counts
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit

LIAISON_HEADERS = {
    "单位": ["成员单位", "单位名称", "所属单位", "派出所"],
    "类别": ["联络员类别", "类型"],
    "姓名": ["联络员", "联络员姓名"],
    "职务": ["职务职级"],
    "手机号码": ["手机", "联系电话", "电话", "手机号"],
    "办公电话": ["座机", "办公室电话"],
    "明确日期": ["确定日期", "日期"],
    "备注": ["说明"],
}
LIAISON_ALIASES = {
    "专职": "primary",
    "联络员": "primary",
    "备岗": "deputy",
    "副联络员": "deputy",
    "b岗": "deputy",
}

LEADERSHIP_HEADERS = {
    "领导小组": ["所属领导小组", "领导小组所属", "层级"],
    "小组职务": ["职务类别", "小组内职务", "担任"],
    "姓名": ["成员姓名"],
    "所在单位": ["单位", "工作单位"],
    "单位职务": ["职务", "行政职务"],
    "联系电话": ["电话", "手机", "手机号码"],
}
GROUP_ALIASES = {"主任": "office_director", "副主任": "office_deputy", "工作人员": "office_staff"}


def upsert(importer, model, valid: pl.DataFrame, key: tuple[str, ...], fields: tuple[str, ...], apply: bool):
    """Create the rows not there (by `key`), update those whose `fields` differ; audited each."""
    counts = Counts()
    for row in valid.iter_rows(named=True):
        values = {name: row[f"v_{name}"] for name in fields}
        values = {n: ("" if v is None and _is_text(model, n) else v) for n, v in values.items()}
        lookup = {name: values[name] for name in key}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            counts.created += 1
            if apply:
                obj = model(**values, created_at=timezone.now(), created_by=importer.user)
                obj.save()
                audit.record_change(importer.user, "create", obj, None, audit.snapshot(obj, fields))
            continue
        before = audit.snapshot(obj, fields)
        for name, value in values.items():
            setattr(obj, name, value)
        after = audit.snapshot(obj, fields)
        if before == after and obj.is_active:
            counts.unchanged += 1
            continue
        counts.updated += 1
        if apply:
            obj.is_active = True
            obj.save()
            audit.record_change(importer.user, "update", obj, before, after)
    return counts


def _is_text(model, name: str) -> bool:
    field = model._meta.get_field(name)
    return field.get_internal_type() in ("CharField", "TextField")


class LiaisonImporter(LedgerImporter):
    kind = ImportKind.LIAISONS
    headers = LIAISON_HEADERS
    required_headers = ("单位", "姓名", "手机号码")
    scope_columns = ("org_id",)
    key_columns = ("org_id", "name")
    FIELDS = ("org_id", "name", "role", "position", "phone", "office_phone", "appointed_on", "note")

    def prepare(self) -> None:
        super().prepare()
        self.units, self.units_ambiguous = self.orgs(OrgUnit.objects.filter(kind__in=LIAISON_KINDS))

    def fields(self):
        return [
            Field(
                "org_id", "单位", cells.lookup, (self.units, self.units_ambiguous, "成员单位或派出所"), True
            ),
            Field(
                "role",
                "类别",
                cells.choice,
                (choice_map(LiaisonRole, LIAISON_ALIASES), "专职联络员、备岗联络员"),
            ),
            Field("name", "姓名", cells.text, (50,), True),
            Field("position", "职务", cells.text, (50,)),
            Field("phone", "手机号码", phone_stages, (), True),
            Field("office_phone", "办公电话", phone_stages),
            Field("appointed_on", "明确日期", cells.local_date, (EARLIEST, self.now_limit())),
            Field("note", "备注", cells.text, (200,)),
        ]

    def cross_checks(self, frame):
        return frame.with_columns(pl.col("v_role").fill_null(LiaisonRole.PRIMARY.value)), {}

    def write(self, valid: pl.DataFrame) -> Counts:
        return upsert(self, Liaison, valid, ("org_id", "name"), self.FIELDS, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return upsert(self, Liaison, valid, ("org_id", "name"), self.FIELDS, apply=False)


class LeadershipImporter(LedgerImporter):
    kind = ImportKind.LEADERSHIP
    headers = LEADERSHIP_HEADERS
    required_headers = ("领导小组", "小组职务", "姓名", "所在单位")
    scope_columns = ("org_id",)
    key_columns = ("org_id", "role", "name")
    FIELDS = ("org_id", "role", "name", "unit_name", "position", "phone")

    def prepare(self) -> None:
        super().prepare()
        groups = OrgUnit.objects.filter(kind__in=[OrgKind.COUNTY, OrgKind.TOWN, OrgKind.STREET])
        self.groups, self.groups_ambiguous = self.orgs(groups)

    def fields(self):
        return [
            Field(
                "org_id",
                "领导小组",
                cells.lookup,
                (self.groups, self.groups_ambiguous, "县或乡镇（街道）"),
                True,
            ),
            Field(
                "role",
                "小组职务",
                cells.choice,
                (choice_map(GroupRole, GROUP_ALIASES), "、".join(GroupRole.labels)),
                True,
            ),
            Field("name", "姓名", cells.text, (50,), True),
            Field("unit_name", "所在单位", cells.text, (100,), True),
            Field("position", "单位职务", cells.text, (50,)),
            Field("phone", "联系电话", phone_stages),
        ]

    def write(self, valid: pl.DataFrame) -> Counts:
        return upsert(self, LeadershipMember, valid, ("org_id", "role", "name"), self.FIELDS, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return upsert(self, LeadershipMember, valid, ("org_id", "role", "name"), self.FIELDS, apply=False)
