"""Imports of the outreach ledgers: household visits (入户宣传工作登记表), activities and App/金钟罩
registration counts. Same rules as the case import: every row checked, errors as 第N行「列名」,
atomic unless --partial, and a re-import of the same file changes nothing."""

import polars as pl

from fanzha.audit import log as audit
from fanzha.core.phones import phone_stages
from fanzha.core.text import normalize
from fanzha.imports import cells
from fanzha.imports.bulk import IN_BATCH, existing_ids, insert_rows
from fanzha.imports.ledger import EARLIEST, Field, LedgerImporter, choice_map
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Counts
from fanzha.imports.staging import staging_table
from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit
from fanzha.prevention.models import (
    Activity,
    ActivityKind,
    Household,
    HouseholdVisit,
    PublicityTeam,
    Registration,
    TeamDuty,
    TeamMember,
)
from fanzha.prevention.models.registrations import Tool
from fanzha.prevention.teams import recount
from fanzha.prevention.visits import record_visits

VISIT_HEADERS = {
    "村/社区": ["村社区", "所属村居", "村(社区)", "村居", "社区"],
    "住址": ["地址", "户籍地址", "门牌号", "家庭住址", "住户地址"],
    "网格": ["所属网格", "网格名称"],
    "户主姓名": ["户主", "姓名", "住户姓名"],
    "联系电话": ["电话", "手机号", "手机号码"],
    "户内人数": ["家庭人数", "人口数"],
    "走访日期": ["入户日期", "宣传日期", "日期"],
    "走访人": ["宣传人", "入户人员", "走访人员"],
    "宣传人数": ["受教育人数", "宣传人口"],
    "当面讲解": ["是否当面讲解", "面对面讲解"],
    "发放防骗卡": ["警民防骗卡", "是否发放防骗卡", "发卡"],
    "领卡人": ["受卡人"],
    "签订承诺书": ["承诺书", "是否签订承诺书"],
    "安装App": ["安装APP", "是否安装App", "安装国家反诈中心App", "国家反诈中心App"],
    "备注": ["说明"],
}
BOOLEANS = ("face_to_face", "card_issued", "pledge_signed", "app_installed")
TEXTS = ("grid", "head_name", "phone", "visitor", "card_recipient", "note")


class VisitImporter(LedgerImporter):
    kind = ImportKind.VISITS
    headers = VISIT_HEADERS
    required_headers = ("村/社区", "住址", "走访日期", "走访人")
    scope_columns = ("village_id",)
    key_columns = ("village_id", "address", "visited_on", "visitor")

    def prepare(self) -> None:
        super().prepare()
        self.villages, self.villages_ambiguous = self.orgs(OrgUnit.objects.filter(kind__in=PLACE_KINDS))

    def fields(self):
        now = self.now_limit()
        return [
            Field(
                "village_id",
                "村/社区",
                cells.lookup,
                (self.villages, self.villages_ambiguous, "村/社区"),
                True,
            ),
            Field("address", "住址", cells.text, (200,), True),
            Field("grid", "网格", cells.text, (50,)),
            Field("head_name", "户主姓名", cells.text, (50,)),
            Field("phone", "联系电话", phone_stages),
            Field("members", "户内人数", cells.integer, (0, 99)),
            Field("visited_on", "走访日期", cells.local_date, (EARLIEST, now), True),
            Field("visitor", "走访人", cells.text, (50,), True),
            Field("people_reached", "宣传人数", cells.integer, (0, 99)),
            Field("face_to_face", "当面讲解", cells.boolean),
            Field("card_issued", "发放防骗卡", cells.boolean),
            Field("card_recipient", "领卡人", cells.text, (50,)),
            Field("pledge_signed", "签订承诺书", cells.boolean),
            Field("app_installed", "安装App", cells.boolean),
            Field("note", "备注", cells.text, (300,)),
        ]

    def staging_rows(self, valid: pl.DataFrame) -> pl.DataFrame:
        """The validated rows as prevention.visits.record_visits reads them from the staging table."""
        return valid.select(
            "_row",
            *(pl.col(f"v_{c}").alias(c) for c in ("village_id", "address", "visited_on", "members")),
            *(pl.col(f"v_{t}").fill_null("").alias(t) for t in TEXTS),
            pl.col("v_people_reached").fill_null(1).alias("people_reached"),
            *(pl.col(f"v_{b}").fill_null(False).alias(b) for b in BOOLEANS),
            *self.recorded_columns(),
        )

    def write(self, valid: pl.DataFrame) -> Counts:
        counts = Counts()
        if valid.height == 0:
            return counts
        with staging_table(self.staging_rows(valid)) as staging:
            counts.created = record_visits(staging)
        counts.unchanged = valid.height - counts.created  # a visit already registered is left as it is
        return counts

    def plan(self, valid: pl.DataFrame) -> Counts:
        """The visits not yet registered (same household — village and address —, day and visitor); a
        visit the file lists twice is one, as write() records it."""
        keys = valid.select(
            pl.col("v_village_id").alias("village_id"),
            pl.col("v_address").alias("address"),
            pl.col("v_visited_on").alias("visited_on"),
            pl.col("v_visitor").fill_null("").alias("visitor"),
        ).unique()
        households = _frame(
            Household.objects,
            "address",
            keys["address"].unique().to_list(),
            {"household_id": pl.Int64, "village_id": pl.Int64, "address": pl.String},
            ("id", "village_id", "address"),
        )
        known = keys.join(households, on=["village_id", "address"], how="inner")
        visits = _frame(
            HouseholdVisit.objects,
            "household_id",
            known["household_id"].unique().to_list(),
            {"household_id": pl.Int64, "visited_on": pl.Date, "visitor": pl.String},
            ("household_id", "visited_on", "visitor"),
        )
        registered = known.join(visits, on=["household_id", "visited_on", "visitor"], how="inner").height
        created = keys.height - registered
        return Counts(created=created, unchanged=valid.height - created)


ACTIVITY_HEADERS = {
    "活动编号": ["编号", "序号编号"],
    "活动类型": ["类型", "宣传形式", "活动形式"],
    "组织单位": ["单位", "开展单位", "责任单位"],
    "日期": ["活动日期", "开展日期", "时间"],
    "地点": ["活动地点"],
    "对象": ["宣传对象", "受众"],
    "受众人数": ["参与人数", "宣传人数", "覆盖人数"],
    "发放资料": ["发放资料份数", "发放宣传资料", "资料份数"],
    "数量": ["幅数", "块数"],
    "参与人员": ["工作人员", "参加人员"],
    "说明": ["备注", "活动内容"],
}


NATURAL_KEY = ["org_id", "kind_id", "held_on", "place"]  # an activity without 活动编号 is known by these


class ActivityImporter(LedgerImporter):
    kind = ImportKind.ACTIVITIES
    headers = ACTIVITY_HEADERS
    required_headers = ("活动类型", "组织单位", "日期")
    scope_columns = ("org_id",)
    key_columns = ("external_key",)

    def prepare(self) -> None:
        super().prepare()
        self.units, self.units_ambiguous = self.orgs(OrgUnit.objects.all())
        self.kinds = {normalize(name): pk for pk, name in ActivityKind.objects.values_list("id", "name")}

    def fields(self):
        return [
            Field("external_key", "活动编号", cells.text, (60,)),
            Field("kind_id", "活动类型", cells.lookup, (self.kinds, {}, "活动类型"), True),
            Field("org_id", "组织单位", cells.lookup, (self.units, self.units_ambiguous, "单位"), True),
            Field("held_on", "日期", cells.local_date, (EARLIEST, self.now_limit()), True),
            Field("place", "地点", cells.text, (200,)),
            Field("audience_kind", "对象", cells.text, (50,)),
            Field("audience_count", "受众人数", cells.integer, (0, 10_000_000)),
            Field("materials_count", "发放资料", cells.integer, (0, 10_000_000)),
            Field("quantity", "数量", cells.integer, (1, 100_000)),
            Field("staff", "参与人员", cells.text, (200,)),
            Field("note", "说明", cells.text),
        ]

    def write(self, valid: pl.DataFrame) -> Counts:
        """New activities in one bulk insert. An activity already there is left as it is: the same
        活动编号, or, without one, the same unit, type, date and place."""
        fresh = self._fresh(valid)
        insert_rows(Activity, fresh)
        return Counts(created=fresh.height, unchanged=valid.height - fresh.height)

    def plan(self, valid: pl.DataFrame) -> Counts:
        fresh = self._fresh(valid)
        return Counts(created=fresh.height, unchanged=valid.height - fresh.height)

    def _fresh(self, valid: pl.DataFrame) -> pl.DataFrame:
        """The rows as Activity columns, less those already in the ledger."""
        table = valid.select(
            pl.when(pl.col("v_external_key") != "").then(pl.col("v_external_key")).alias("external_key"),
            *(pl.col(f"v_{n}").alias(n) for n in ("kind_id", "org_id", "held_on")),
            *(pl.col(f"v_{n}").fill_null("").alias(n) for n in ("place", "audience_kind", "staff", "note")),
            pl.col("v_audience_count").fill_null(0).alias("audience_count"),
            pl.col("v_materials_count").fill_null(0).alias("materials_count"),
            pl.col("v_quantity").fill_null(1).alias("quantity"),
            *self.recorded_columns(),
        )
        known = existing_ids(Activity, "external_key", table["external_key"].drop_nulls().to_list())
        stored = pl.DataFrame(
            list(
                Activity.objects.filter(held_on__in=table["held_on"].unique().to_list()).values_list(
                    *NATURAL_KEY
                )
            ),
            schema={"org_id": pl.Int64, "kind_id": pl.Int64, "held_on": pl.Date, "place": pl.String},
            orient="row",
        ).with_columns(pl.lit(True).alias("_stored"))
        flagged = table.join(stored.unique(), on=NATURAL_KEY, how="left", maintain_order="left")
        return flagged.filter(
            pl.when(pl.col("external_key").is_null())
            .then(pl.col("_stored").is_null())
            .otherwise(~pl.col("external_key").is_in(list(known)))
        ).drop("_stored")


REGISTRATION_HEADERS = {
    "单位": ["村/社区", "村社区", "组织单位", "单位名称"],
    "工具": ["平台", "App名称", "注册平台"],
    "截至日期": ["统计日期", "日期", "截止日期"],
    "累计注册数": ["注册数", "注册人数", "累计注册人数", "安装数"],
    "来源": ["数据来源"],
}
TOOL_ALIASES = {"国家反诈中心": "app", "反诈中心App": "app", "国家反诈App": "app", "金钟罩预警": "jzz"}


class RegistrationImporter(LedgerImporter):
    kind = ImportKind.REGISTRATIONS
    choice_columns = {"工具": Tool}
    headers = REGISTRATION_HEADERS
    required_headers = ("单位", "截至日期", "累计注册数")
    scope_columns = ("org_id",)
    key_columns = ("org_id", "tool", "as_of")

    def prepare(self) -> None:
        super().prepare()
        self.units, self.units_ambiguous = self.orgs(OrgUnit.objects.all())

    def fields(self):
        return [
            Field("org_id", "单位", cells.lookup, (self.units, self.units_ambiguous, "单位"), True),
            Field("tool", "工具", cells.choice, (choice_map(Tool, TOOL_ALIASES), "、".join(Tool.labels))),
            Field("as_of", "截至日期", cells.local_date, (EARLIEST, self.now_limit()), True),
            Field("count", "累计注册数", cells.integer, (0, 100_000_000), True),
            Field("source", "来源", cells.text, (100,)),
        ]

    def cross_checks(self, frame):
        return frame.with_columns(pl.col("v_tool").fill_null(Tool.NATIONAL_APP.value)), {}

    def write(self, valid: pl.DataFrame) -> Counts:
        """A new count is inserted; a count already there for the unit, tool and day is updated when it
        differs and left as it is otherwise."""
        return self._write(valid, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=False)

    def _write(self, valid: pl.DataFrame, apply: bool) -> Counts:
        counts = Counts()
        if valid.height == 0:
            return counts
        key = ["org_id", "tool", "as_of"]
        table = valid.select(
            *(pl.col(f"v_{n}").alias(n) for n in (*key, "count")),
            pl.col("v_source").fill_null("").alias("source"),
        )
        stored = pl.DataFrame(
            list(
                Registration.objects.filter(as_of__in=table["as_of"].unique().to_list()).values_list(
                    "id", *key, "count"
                )
            ),
            schema={"id": pl.Int64, **{n: table.schema[n] for n in key}, "stored": table.schema["count"]},
            orient="row",
        )
        flagged = table.join(stored, on=key, how="left", maintain_order="left")
        changed = flagged.filter(pl.col("id").is_not_null() & (pl.col("count") != pl.col("stored")))
        if apply:
            insert_rows(Registration, flagged.filter(pl.col("id").is_null()).select(table.columns))
            Registration.objects.bulk_update(
                [Registration(id=pk, count=count) for pk, count in changed.select("id", "count").iter_rows()],
                ["count"],
                batch_size=2000,
            )
        counts.created = int(flagged["id"].null_count())
        counts.updated = changed.height
        counts.unchanged = valid.height - counts.created - counts.updated
        return counts


def _frame(manager, field: str, values: list, schema: dict, columns: tuple[str, ...]) -> pl.DataFrame:
    """The `columns` (named as `schema`) of the rows whose `field` is among `values`, read in batches."""
    rows: list[tuple] = []
    for start in range(0, len(values), IN_BATCH):
        part = values[start : start + IN_BATCH]
        rows.extend(manager.filter(**{f"{field}__in": part}).values_list(*columns))
    return pl.DataFrame(rows, schema=schema, orient="row")


TEAM_MEMBER_HEADERS = {
    "单位": ["派出所", "所属单位", "组建单位"],
    "宣传队": ["宣传队名称", "队伍名称"],
    "姓名": ["队员姓名", "队员"],
    "队内职务": ["职务", "队内分工"],
    "身份": ["人员类别", "身份类别"],
    "联系电话": ["电话", "手机", "手机号码"],
}
DUTY_ALIASES = {"队长": "leader", "负责人": "leader", "队员": "member", "成员": "member"}
MEMBER_FIELDS = ("name", "duty", "position", "phone")


class TeamMemberImporter(LedgerImporter):
    """反诈宣传队队员名册: one row per member; a team named for the first time is created under its
    unit. A member is known by unit, team and name: a re-import updates what changed (audited). Each
    team's head count then follows its roster (prevention/teams.py), which the team quota reads."""

    kind = ImportKind.TEAM_MEMBERS
    headers = TEAM_MEMBER_HEADERS
    required_headers = ("单位", "宣传队", "姓名")
    scope_columns = ("org_id",)
    key_columns = ("org_id", "team", "name")

    def prepare(self) -> None:
        super().prepare()
        self.units, self.units_ambiguous = self.orgs(OrgUnit.objects.all())

    def fields(self):
        return [
            Field("org_id", "单位", cells.lookup, (self.units, self.units_ambiguous, "单位"), True),
            Field("team", "宣传队", cells.text, (100,), True),
            Field("name", "姓名", cells.text, (50,), True),
            Field("duty", "队内职务", cells.choice, (choice_map(TeamDuty, DUTY_ALIASES), "队长、队员")),
            Field("position", "身份", cells.text, (50,)),
            Field("phone", "联系电话", phone_stages),
        ]

    def write(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=False)

    def _write(self, valid: pl.DataFrame, apply: bool) -> Counts:
        counts = Counts()
        touched: set[int] = set()
        teams = {(t.org_id, t.name): t for t in PublicityTeam.objects.all()}
        for row in valid.iter_rows(named=True):
            values = {
                "name": row["v_name"],
                "duty": row["v_duty"] or TeamDuty.MEMBER.value,
                "position": row["v_position"] or "",
                "phone": row["v_phone"] or "",
            }
            team = teams.get((row["v_org_id"], row["v_team"]))
            member = TeamMember.objects.filter(team=team, name=values["name"]).first() if team else None
            if member is not None:
                before = audit.snapshot(member, MEMBER_FIELDS)
                if before == {**before, **values} and member.is_active:
                    counts.unchanged += 1
                    continue
                counts.updated += 1
                if apply:
                    for key, value in values.items():
                        setattr(member, key, value)
                    member.is_active = True
                    member.save()
                    audit.record_change(
                        self.user, "update", member, before, audit.snapshot(member, MEMBER_FIELDS)
                    )
                    touched.add(team.pk)
                continue
            counts.created += 1
            if not apply:
                continue
            if team is None:
                team = PublicityTeam.objects.create(org_id=row["v_org_id"], name=row["v_team"], members=0)
                audit.record_change(self.user, "create", team, None, audit.snapshot(team, ("org", "name")))
                teams[(team.org_id, team.name)] = team
            member = TeamMember.objects.create(team=team, created_by=self.user, **values)
            audit.record_change(self.user, "create", member, None, audit.snapshot(member, MEMBER_FIELDS))
            touched.add(team.pk)
        if apply:
            recount(touched, self.user)
        return counts
