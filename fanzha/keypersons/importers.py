"""Importing the key-person registry (重点人员) from the station's sheet; keyed by 身份证号, so a
re-import updates the people whose rows changed and leaves the rest."""

import polars as pl
from django.utils import timezone

from fanzha.audit import log as audit
from fanzha.core.idcard import id_number_stages
from fanzha.core.phones import phone_stages
from fanzha.imports import cells
from fanzha.imports.bulk import insert_rows, rows_by
from fanzha.imports.ledger import EARLIEST, Field, LedgerImporter, choice_map
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Counts
from fanzha.keypersons.models import Category, ControlStatus, KeyPerson, Residence, StaffRelation
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit

HEADERS = {
    "姓名": ["人员姓名"],
    "身份证号": ["身份证号码", "公民身份号码", "证件号码"],
    "联系电话": ["电话", "手机号"],
    "类别": ["人员类别", "重点人员类别"],
    "居住类型": ["常住/暂住", "人口类型"],
    "居住村/社区": ["村/社区", "村社区", "居住地", "所属村居"],
    "住址": ["地址", "现住址"],
    "工作单位": ["单位", "关联单位"],
    "与单位关系": ["单位关系"],
    "管控状态": ["状态", "现状"],
    "责任人": ["责任民警", "管控责任人", "责任网格员"],
    "已签承诺书": ["承诺书", "是否签订承诺书"],
    "列管日期": ["登记日期", "列管时间"],
    "解除日期": ["解除管控日期", "撤管日期"],
    "备注": ["说明"],
}
CATEGORY_ALIASES = {
    "前科人员": "offender",
    "涉诈前科": "offender",
    "违法犯罪人员": "offender",
    "滞留缅北": "stranded",
    "滞留境外": "stranded",
    "缅北": "stranded",
    "拦截": "intercepted",
    "两卡": "two_cards",
    "两卡人员": "two_cards",
    "嫌疑人": "suspect",
}
FIELDS = (
    "name",
    "phone",
    "category",
    "residence",
    "village_id",
    "address",
    "employer_id",
    "staff_relation",
    "status",
    "officer",
    "pledge_signed",
    "registered_on",
    "released_on",
    "note",
)

NULLABLE = ("employer_id", "released_on")
DEFAULTS = {  # what an empty cell means; other empty text is ""
    "residence": Residence.PERMANENT.value,
    "status": ControlStatus.AT_HOME.value,
    "pledge_signed": False,
}


def _filled(name: str, dtype) -> pl.Expr:
    """An empty cell as stored: its default, else "" for text; the nullable ones stay empty."""
    column = pl.col(f"v_{name}")
    if name in DEFAULTS:
        return column.fill_null(DEFAULTS[name])
    return column.fill_null("") if dtype == pl.String and name not in NULLABLE else column


class KeyPersonImporter(LedgerImporter):
    kind = ImportKind.KEY_PERSONS
    choice_columns = {
        "类别": Category,
        "居住类型": Residence,
        "与单位关系": StaffRelation,
        "管控状态": ControlStatus,
    }
    headers = HEADERS
    required_headers = ("姓名", "身份证号", "类别", "居住村/社区", "列管日期")
    scope_columns = ("village_id",)
    key_columns = ("id_number",)

    def prepare(self) -> None:
        super().prepare()
        self.villages, self.villages_ambiguous = self.orgs(OrgUnit.objects.filter(kind__in=PLACE_KINDS))
        self.employers, self.employers_ambiguous = self.orgs(OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT))

    def fields(self):
        now = self.now_limit()
        return [
            Field("name", "姓名", cells.text, (50,), True),
            Field("id_number", "身份证号", id_number_stages, (), True),
            Field("phone", "联系电话", phone_stages),
            Field(
                "category",
                "类别",
                cells.choice,
                (choice_map(Category, CATEGORY_ALIASES), "、".join(Category.labels)),
                True,
            ),
            Field("residence", "居住类型", cells.choice, (choice_map(Residence), "常住、暂住")),
            Field(
                "village_id",
                "居住村/社区",
                cells.lookup,
                (self.villages, self.villages_ambiguous, "村/社区"),
                True,
            ),
            Field("address", "住址", cells.text, (200,)),
            Field(
                "employer_id",
                "工作单位",
                cells.lookup,
                (self.employers, self.employers_ambiguous, "工作单位"),
            ),
            Field(
                "staff_relation",
                "与单位关系",
                cells.choice,
                (
                    choice_map(StaffRelation, {"职工": "staff", "家属": "family"}),
                    "本单位工作人员、工作人员家属",
                ),
            ),
            Field(
                "status",
                "管控状态",
                cells.choice,
                (choice_map(ControlStatus), "、".join(ControlStatus.labels)),
            ),
            Field("officer", "责任人", cells.text, (50,)),
            Field("pledge_signed", "已签承诺书", cells.boolean),
            Field("registered_on", "列管日期", cells.local_date, (EARLIEST, now), True),
            Field("released_on", "解除日期", cells.local_date, (EARLIEST, now)),
            Field("note", "备注", cells.text, (300,)),
        ]

    def cross_checks(self, frame):
        v = pl.col
        return frame.with_columns(
            pl.when(v("v_released_on") < v("v_registered_on"))
            .then(pl.lit("解除日期早于列管日期"))
            .alias("x_released"),
            pl.when(v("v_staff_relation").is_not_null() & v("v_employer_id").is_null())
            .then(pl.lit("填写了与单位关系，但没有填写工作单位"))
            .alias("x_relation"),
        ), {"x_released": "解除日期", "x_relation": "与单位关系"}

    def write(self, valid: pl.DataFrame) -> Counts:
        """New people in one bulk insert; a person already registered (same 身份证号) is updated, and the
        change audited, only where the row differs from what is stored."""
        return self._write(valid, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=False)

    def _write(self, valid: pl.DataFrame, apply: bool) -> Counts:
        counts = Counts()
        if valid.height == 0:
            return counts
        table = valid.select(
            pl.col("v_id_number").alias("id_number"),
            *(_filled(name, valid.schema[f"v_{name}"]).alias(name) for name in FIELDS),
        )
        stored = {
            row[0]: row[1:] for row in rows_by(KeyPerson, "id_number", table["id_number"].to_list(), FIELDS)
        }
        is_new, changed = [], {}
        for row in table.iter_rows():
            before = stored.get(row[0])
            is_new.append(before is None)
            if before is not None and before != row[1:]:
                changed[row[0]] = dict(zip(FIELDS, row[1:], strict=True))
        fresh = table.filter(pl.Series(is_new)).with_columns(pl.lit(timezone.now()).alias("updated_at"))
        counts.created, counts.updated = fresh.height, len(changed)
        counts.unchanged = valid.height - fresh.height - len(changed)
        if not apply:
            return counts
        insert_rows(KeyPerson, fresh)
        for person in KeyPerson.objects.filter(id_number__in=list(changed)):
            before = audit.snapshot(person, FIELDS)
            for key, value in changed[person.id_number].items():
                setattr(person, key, value)
            person.updated_at = timezone.now()
            person.save()
            audit.record_change(self.user, "update", person, before, audit.snapshot(person, FIELDS))
        return counts
