"""Importing a case ledger (案件台账) from CSV/XLSX, the way centres keep it in Excel.

Validation is vectorised (polars) so a million rows check in seconds; new rows go in with batched
INSERTs (the ledger's constraints and triggers in place, ids from the database); changed rows are
updated through the model and audited; unchanged rows are left alone, so re-importing a file changes
nothing."""

from datetime import datetime, timedelta

import polars as pl
from django.utils import timezone

from fanzha.cases import attribution, derive, grading, signals
from fanzha.cases.choices import (
    CHOICE_ALIASES,
    CaseStatus,
    Channel,
    EmployerRelation,
    IdentifierKind,
    PriorOutreach,
    Sex,
    VictimGroup,
)
from fanzha.cases.identifiers import identifier_expr
from fanzha.cases.models import LEDGER_FIELDS, Case, FraudType, SuspectIdentifier
from fanzha.cases.services import apply_import_update
from fanzha.core.idcard import age_expr, id_number_stages, sex_expr
from fanzha.core.money import money_stages
from fanzha.core.phones import phone_stages
from fanzha.core.stages import Stages, run_stages
from fanzha.core.text import normalize, normalize_expr
from fanzha.imports import cells
from fanzha.imports.bulk import (
    IN_BATCH,
    existing_ids,
    insert_returning_ids,
    insert_rows,
    visible_values,
)
from fanzha.imports.errors import RowError
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Columns, Counts, Importer, column_errors
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.lookups import PlaceError, PlaceResolver, org_keys
from fanzha.orgs.models import OrgUnit

HEADERS: dict[str, list[str]] = {
    "案件编号": ["案号", "案件号", "立案编号", "编号"],
    "报案时间": ["接警时间", "报警时间", "受案时间", "报案日期", "接报时间"],
    "发案时间": ["案发时间", "发案日期", "案发日期", "被骗时间"],
    "发案地": [
        "案发地",
        "发案地点",
        "案发地点",
        "发案村居",
        "所属村居",
        "村(社区)",
        "村社区",
        "发案村(社区)",
    ],
    "乡镇": ["乡镇街道", "乡镇(街道)", "乡镇/街道", "所属乡镇", "发案乡镇", "街道"],
    "派出所": ["所属派出所", "管辖派出所", "受理派出所", "办案单位"],
    "诈骗类型": ["案件类别", "案件类型", "诈骗手法", "作案手法", "诈骗方式"],
    "损失金额": ["被骗金额", "涉案金额", "损失", "被骗资金", "损失金额元"],
    "挽损金额": ["挽回金额", "挽回损失", "追回金额", "追赃挽损金额"],
    "诈骗渠道": ["作案渠道", "渠道", "接触渠道"],
    "受害人姓名": ["姓名", "被害人", "被害人姓名", "事主", "事主姓名", "受害人"],
    "身份证号": ["身份证号码", "公民身份号码", "证件号码", "受害人身份证号", "被害人身份证号"],
    "联系电话": ["手机号", "手机号码", "电话", "受害人电话", "事主电话"],
    "性别": ["受害人性别"],
    "年龄": ["受害人年龄"],
    "人群类别": ["受害人群", "人员类别", "群体类别", "受害人类别"],
    "工作单位": ["所在单位", "单位", "受害人单位", "就职单位"],
    "与单位关系": ["单位关系", "人员身份"],
    "嫌疑人电话": ["嫌疑电话", "涉案电话", "诈骗电话"],
    "嫌疑人账户": ["嫌疑账户", "涉案账户", "收款账户", "涉案银行卡"],
    "嫌疑网址": ["涉案网址", "诈骗网址", "网址", "链接"],
    "嫌疑社交账号": ["嫌疑人微信", "嫌疑人QQ", "涉案社交账号", "社交账号"],
    "简要案情": ["案情", "案情简介", "简要案情描述"],
    "案件状态": ["状态", "办理状态"],
    "是否接受过宣传": ["是否宣传", "是否接受宣传", "事前是否受过宣传", "是否受过宣传"],
    "案事件编号": ["案事件系统编号", "案事件信息系统编号", "警综编号"],
}
REQUIRED = ("案件编号", "报案时间", "发案地", "诈骗类型")
IDENTIFIER_COLUMNS = {
    "嫌疑人电话": IdentifierKind.PHONE,
    "嫌疑人账户": IdentifierKind.ACCOUNT,
    "嫌疑网址": IdentifierKind.URL,
    "嫌疑社交账号": IdentifierKind.SOCIAL,
}
CHOICE_COLUMNS = {
    "诈骗渠道": ("channel", Channel),
    "性别": ("sex_given", Sex),
    "人群类别": ("group_given", VictimGroup),
    "与单位关系": ("employer_relation", EmployerRelation),
    "案件状态": ("status", CaseStatus),
    "是否接受过宣传": ("prior_outreach", PriorOutreach),
}
# the model's columns, in the order rows are written: the ledger's facts (foreign keys as ids) and the
# town derived from the place
CASE_FIELDS = tuple(
    f"{name}_id" if Case._meta.get_field(name).is_relation else name for name in LEDGER_FIELDS
) + ("town_id",)
EARLIEST = datetime(1990, 1, 1)


def choice_mapping(choices) -> dict[str, str]:
    mapping = {normalize(label): value for value, label in choices.choices}
    mapping.update({normalize(value): value for value in choices.values})
    mapping.update({normalize(k): v for k, v in CHOICE_ALIASES.get(choices, {}).items()})
    return mapping


class CaseImporter(Importer):
    kind = ImportKind.CASES
    headers = HEADERS
    required_headers = REQUIRED
    choice_columns = {header: choices for header, (_, choices) in CHOICE_COLUMNS.items()}

    def prepare(self) -> None:
        places = OrgUnit.objects.filter(kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY])
        self.places, self.places_ambiguous = org_keys(places)
        self.place_resolver = PlaceResolver(places) if self.places_ambiguous else None
        self.stations, self.stations_ambiguous = org_keys(OrgUnit.objects.filter(kind=OrgKind.STATION))
        self.employers, self.employers_ambiguous = org_keys(OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT))
        self.fraud_types = {}
        for type_id, name, aliases in FraudType.objects.values_list("id", "name", "aliases"):
            self.fraud_types[normalize(name)] = type_id
            for alias in FraudType(aliases=aliases).alias_list():
                self.fraud_types.setdefault(normalize(alias), type_id)
        self.place_station = dict(places.filter(station__isnull=False).values_list("id", "station_id"))
        self.place_town = derive.town_ids()
        self.seen_numbers: dict[str, int] = {}
        user = self.user
        self.unrestricted = (
            user is None or user.is_superuser or (user.org is not None and user.org.parent_id is None)
        )
        self.scope_ids = (
            set() if self.unrestricted else set(OrgUnit.objects.visible_to(user).values_list("id", flat=True))
        )
        # read here: validate() runs in a worker thread that must not touch the database
        self.any_employer = self.unrestricted or attribution.may_assign_any_employer(user)
        # what the user's cases are attributed to now: a row may keep it (attribution's "as stored")
        self.stored_attribution = pl.DataFrame(
            []
            if self.unrestricted
            else list(Case.objects.visible_to(user).values_list("case_number", "station_id", "employer_id")),
            schema={"v_case_number": pl.String, "stored_station": pl.Int64, "stored_employer": pl.Int64},
            orient="row",
        )

    def begin(self) -> None:
        # a first load into an empty ledger has nothing to compare with: no lookups by case number
        self.ledger_was_empty = not Case.objects.exists()
        self.saved_ids: list[int] = []  # created or updated: told to the apps above at finish()

    def finish(self) -> None:
        if self.saved_ids and not self.dry_run:  # once for the whole import, with every id
            grading.regrade(self.saved_ids)
            answers = signals.case_saved.send(
                sender=Case, case_ids=self.saved_ids, user=self.user, source="import"
            )
            self.notes = tuple(signals.summary_lines(answers))

    # --- validation -------------------------------------------------------------------------

    def validate(self, chunk: pl.DataFrame, columns: Columns) -> tuple[pl.DataFrame, list[RowError]]:
        now = timezone.localtime().replace(tzinfo=None) + timedelta(minutes=5)
        c = columns.cell
        parsers: list[Stages] = []
        header_of: dict[str, str] = {}

        def parse(name: str, header: str, make, *args, required: bool = False, **kwargs) -> None:
            parser = make(c(header), f"v_{name}", f"e_{name}", *args, **kwargs)
            if required:
                cells.required(parser, c(header))
            parsers.append(parser)
            header_of[name] = header

        parse("case_number", "案件编号", cells.text, 50, fold_width=True, required=True)
        parse("reported_at", "报案时间", cells.local_datetime, EARLIEST, now, required=True)
        parse("occurred_at", "发案时间", cells.local_datetime, EARLIEST, now)
        parse("place_id", "发案地", cells.lookup, self.places, self.places_ambiguous, "发案地", required=True)
        parse("station_given", "派出所", cells.lookup, self.stations, self.stations_ambiguous, "派出所")
        parse("fraud_type_id", "诈骗类型", cells.lookup, self.fraud_types, {}, "诈骗类型", required=True)
        parse("loss_fen", "损失金额", money_stages)
        parse("recovered_fen", "挽损金额", money_stages)
        parse("victim_name", "受害人姓名", cells.text, 50)
        parse("victim_id_number", "身份证号", id_number_stages, **self.id_warning("victim_id_number"))
        parse("victim_phone", "联系电话", phone_stages)
        parse("age_given", "年龄", cells.integer, 0, 120)
        parse("employer_id", "工作单位", cells.lookup, self.employers, self.employers_ambiguous, "工作单位")
        parse("narrative", "简要案情", cells.text)
        parse("external_number", "案事件编号", cells.text, 50, fold_width=True)
        for header, (name, choices) in CHOICE_COLUMNS.items():
            mapping = self.choice_mapping(header, choice_mapping(choices))
            parse(name, header, cells.choice, mapping, "、".join(choices.labels))

        frame = run_stages(chunk, parsers)
        frame = self._settle_namesakes(frame, columns)
        frame = self._cross_checks(frame)
        frame, identifier_errors = self._identifiers(frame, columns)
        errors = column_errors(frame, {f"e_{name}": header for name, header in header_of.items()}, columns)
        errors += column_errors(
            frame,
            {
                "x_station": "派出所",
                "x_sex": "性别",
                "x_occurred": "发案时间",
                "x_recovered": "挽损金额",
                "x_born": "身份证号",
                "x_relation": "与单位关系",
                "x_scope": "发案地",
                "x_station_scope": "派出所",
                "x_employer": "工作单位",
            },
            columns,
        )
        errors += identifier_errors
        errors += self._duplicates(frame, columns)
        errors += column_errors(frame, {"w_victim_id_number": "身份证号"}, columns, warning=True)
        return frame, errors

    def check_in_db(self, parsed: pl.DataFrame, columns: Columns) -> list[RowError]:
        return self._foreign_numbers(parsed, columns)

    def _foreign_numbers(self, frame: pl.DataFrame, columns: Columns) -> list[RowError]:
        """A case number already registered outside the user's subtree cannot be overwritten."""
        if self.unrestricted or self.ledger_was_empty:
            return []
        numbers = [n for n in frame["v_case_number"].to_list() if n]
        existing = existing_ids(Case, "case_number", numbers)
        if not existing:
            return []
        visible = visible_values(Case.objects.visible_to(self.user), "case_number", list(existing))
        foreign = set(existing) - visible
        header = columns.header("案件编号")
        return [
            RowError(row, header, "该案件编号已由您管辖范围以外的单位登记，无权修改")
            for row, number in frame.select("_row", "v_case_number").iter_rows()
            if number in foreign
        ]

    def _settle_namesakes(self, frame: pl.DataFrame, columns: Columns) -> pl.DataFrame:
        """A 发案地 that several villages share (three 「邵家村」) is settled by the same row's 乡镇 or
        派出所 (orgs.lookups.PlaceResolver); a row nothing settles says which towns have the name."""
        if self.place_resolver is None:
            return frame
        c = columns.cell
        shared = normalize_expr(c("发案地")).is_in(list(self.places_ambiguous))
        rows = frame.select(
            pl.int_range(pl.len()).alias("i"),
            c("发案地").alias("place"),
            c("乡镇").alias("town"),
            c("派出所").alias("station"),
            shared.alias("shared"),
        ).filter(pl.col("shared"))
        if rows.is_empty():
            return frame
        ids, errors = frame["v_place_id"].to_list(), frame["e_place_id"].to_list()
        for i, place, town, station, _ in rows.iter_rows():
            try:
                ids[i], errors[i] = self.place_resolver.resolve(place or "", town or "", station or ""), None
            except PlaceError as error:
                ids[i], errors[i] = None, str(error)
        return frame.with_columns(
            pl.Series("v_place_id", ids, dtype=pl.Int64), pl.Series("e_place_id", errors, dtype=pl.String)
        )

    def _cross_checks(self, frame: pl.DataFrame) -> pl.DataFrame:
        v = pl.col
        station_of_place = v("v_place_id").replace_strict(
            self.place_station, default=None, return_dtype=pl.Int64
        )
        station = pl.coalesce(v("v_station_given"), station_of_place)
        id_sex = sex_expr(v("v_victim_id_number"))
        id_age = age_expr(v("v_victim_id_number"), v("v_reported_at").dt.date())
        age = pl.coalesce(v("v_age_given").cast(pl.Int32), id_age)
        frame = frame.with_columns(
            station.alias("v_station_id"),
            v("v_place_id")
            .replace_strict(self.place_town, default=None, return_dtype=pl.Int64)
            .alias("v_town_id"),
            pl.coalesce(v("v_sex_given"), id_sex).alias("v_victim_sex"),
            age.alias("v_victim_age"),
            pl.coalesce(
                v("v_group_given"),
                pl.when(age >= derive.ELDERLY_AGE).then(pl.lit(VictimGroup.ELDERLY.value)),
            ).alias("v_victim_group"),
            pl.when(v("v_place_id").is_not_null() & station.is_null())
            .then(pl.lit("发案地未设置所属派出所，请填写「派出所」列或先在组织机构中设置"))
            .alias("x_station"),
            pl.when(v("v_sex_given").is_not_null() & id_sex.is_not_null() & (v("v_sex_given") != id_sex))
            .then(pl.lit("性别与身份证号不符"))
            .alias("x_sex"),
            pl.when(id_age < 0).then(pl.lit("身份证号中的出生日期晚于报案时间")).alias("x_born"),
            pl.when(v("v_occurred_at") > v("v_reported_at"))
            .then(pl.lit("发案时间晚于报案时间"))
            .alias("x_occurred"),
            pl.when(v("v_recovered_fen").fill_null(0) > v("v_loss_fen").fill_null(0))
            .then(pl.lit("挽损金额大于损失金额"))
            .alias("x_recovered"),
            pl.when(v("v_employer_relation").is_not_null() & v("v_employer_id").is_null())
            .then(pl.lit("填写了与单位关系，但没有填写工作单位"))
            .alias("x_relation"),
        )
        if self.unrestricted:
            return frame.with_columns(
                pl.lit(None, pl.String).alias(name) for name in ("x_scope", "x_station_scope", "x_employer")
            )
        scope = list(self.scope_ids)
        outside = (
            v("v_place_id").is_not_null() & ~v("v_place_id").is_in(scope) & ~v("v_station_id").is_in(scope)
        )
        # attribution.station_allowed / employer_allowed, for a whole chunk
        frame = frame.join(self.stored_attribution, on="v_case_number", how="left", maintain_order="left")
        foreign_station = (
            v("v_station_given").is_not_null()
            & (v("v_station_given") != station_of_place.fill_null(-1))
            & (v("v_station_given") != v("stored_station").fill_null(-1))
            & ~v("v_station_given").is_in(scope)
        )
        foreign_employer = (
            v("v_employer_id").is_not_null()
            & (v("v_employer_id") != v("stored_employer").fill_null(-1))
            & ~v("v_employer_id").is_in(scope)
        )
        if self.any_employer:
            foreign_employer = pl.lit(False)
        return frame.with_columns(
            pl.when(outside).then(pl.lit("发案地不在您的管辖范围内")).alias("x_scope"),
            pl.when(foreign_station).then(pl.lit(attribution.STATION_MESSAGE)).alias("x_station_scope"),
            pl.when(foreign_employer).then(pl.lit(attribution.EMPLOYER_MESSAGE)).alias("x_employer"),
        ).drop("stored_station", "stored_employer")

    def _identifiers(self, frame: pl.DataFrame, columns: Columns) -> tuple[pl.DataFrame, list[RowError]]:
        errors: list[RowError] = []
        present = [(h, k) for h, k in IDENTIFIER_COLUMNS.items() if columns.has(h)]
        parts = []
        for header, kind in present:
            items = (
                frame.select("_row", cells.split_list(columns.cell(header)).alias("item"))
                .explode("item")
                .drop_nulls("item")
            )
            value, error = identifier_expr(kind, pl.col("item"))
            items = items.with_columns(
                value.alias("value"), error.alias("error"), pl.lit(kind.value).alias("kind")
            )
            bad = items.filter(pl.col("error").is_not_null())
            errors.extend(
                RowError(r, columns.header(header), m) for r, m in bad.select("_row", "error").iter_rows()
            )
            parts.append(items.filter(pl.col("error").is_null()).select("_row", "kind", "value"))
        if parts:
            combined = pl.concat(parts).unique(maintain_order=True)
            grouped = combined.group_by("_row").agg(pl.struct("kind", "value").alias("v_identifiers"))
            frame = frame.join(grouped, on="_row", how="left")
        else:
            frame = frame.with_columns(
                pl.lit(None, pl.List(pl.Struct({"kind": pl.String, "value": pl.String}))).alias(
                    "v_identifiers"
                )
            )
        return frame, errors

    def _duplicates(self, frame: pl.DataFrame, columns: Columns) -> list[RowError]:
        """A case number met earlier in the file (in this chunk or an earlier one) → 与第N行…重复."""
        numbered = frame.select("_row", "v_case_number").filter(pl.col("v_case_number") != "")
        first = numbered.group_by("v_case_number", maintain_order=True).agg(pl.col("_row").first())
        earlier = self.seen_numbers
        fresh = dict(first.iter_rows())
        again = list(fresh.keys() & earlier.keys())
        repeats = numbered.join(first, on="v_case_number", suffix="_first").filter(
            (pl.col("_row") != pl.col("_row_first")) | pl.col("v_case_number").is_in(again)
        )
        if repeats.height == 0:
            earlier.update(fresh)
            return []
        header = columns.header("案件编号")
        errors = [
            RowError(row, header, f"与第{earlier.get(number, first_row)}行的案件编号重复")
            for row, number, first_row in repeats.select("_row", "v_case_number", "_row_first").iter_rows()
        ]
        for number, row in fresh.items():
            earlier.setdefault(number, row)
        return errors

    # --- writing ----------------------------------------------------------------------------

    def write(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=True)

    def plan(self, valid: pl.DataFrame) -> Counts:
        return self._write(valid, apply=False)

    def _write(self, valid: pl.DataFrame, apply: bool) -> Counts:
        counts = Counts()
        if valid.height == 0:
            return counts
        rows = self._model_rows(valid)
        existing = (
            {} if self.ledger_was_empty else existing_ids(Case, "case_number", rows["case_number"].to_list())
        )
        fresh = rows.filter(~pl.col("case_number").is_in(list(existing)))
        if fresh.height:
            if apply:
                self._insert(fresh)
            counts.created = fresh.height
        if existing:
            old = rows.filter(pl.col("case_number").is_in(list(existing)))
            changed = self._changed(old, existing)
            if apply:
                self._update(old, changed)
            counts.updated, counts.unchanged = len(changed), old.height - len(changed)
        return counts

    def _model_rows(self, valid: pl.DataFrame) -> pl.DataFrame:
        defaults = {
            "channel": "",
            "victim_sex": "",
            "victim_group": "",
            "employer_relation": "",
            "status": CaseStatus.ACCEPTED.value,
            "prior_outreach": PriorOutreach.UNKNOWN.value,
            "victim_id_number": "",
            "victim_phone": "",
            "loss_fen": 0,
            "recovered_fen": 0,
        }
        exprs = []
        for name in CASE_FIELDS:
            expr = pl.col(f"v_{name}")
            if name in defaults:
                expr = expr.fill_null(defaults[name])
            exprs.append(expr.alias(name))
        return valid.select(*exprs, pl.col("v_identifiers").alias("identifiers"))

    def _insert(self, fresh: pl.DataFrame) -> None:
        now = timezone.now()
        table = fresh.drop("identifiers").with_columns(
            pl.lit(now).alias("created_at"),
            pl.lit(now).alias("updated_at"),
        )
        ids = insert_returning_ids(Case, table, "case_number")
        self.saved_ids.extend(ids)
        identifiers = (
            fresh.select(pl.Series("case_id", ids, dtype=pl.Int64), "identifiers")
            .explode("identifiers")
            .drop_nulls("identifiers")
            .unnest("identifiers")
        )
        if identifiers.height:
            insert_rows(SuspectIdentifier, identifiers.select("case_id", "kind", "value"))

    def _changed(self, rows: pl.DataFrame, existing: dict[str, int]) -> list[str]:
        """The case numbers among `rows` whose stored case differs from the row."""
        current = _stored_rows(list(existing.values()))
        incoming = _comparable(rows)
        joined = incoming.join(current, on="case_number", how="left", suffix="_old")
        differs = pl.any_horizontal(
            [pl.col(name).ne_missing(pl.col(f"{name}_old")) for name in [*CASE_FIELDS[1:], "identifier_key"]]
        )
        return joined.filter(differs)["case_number"].to_list()

    def _update(self, rows: pl.DataFrame, changed: list[str]) -> None:
        """Update and audit the stored cases of these numbers from their rows."""
        if not changed:
            return
        by_number = {
            r["case_number"]: r
            for r in rows.filter(pl.col("case_number").is_in(changed)).iter_rows(named=True)
        }
        for start in range(0, len(changed), IN_BATCH):
            batch = changed[start : start + IN_BATCH]
            for case in Case.objects.filter(case_number__in=batch).select_related(
                "place", "station", "fraud_type"
            ):
                apply_import_update(self.user, case, by_number[case.case_number])
                self.saved_ids.append(case.pk)

    def preview(self, valid: pl.DataFrame, limit: int) -> list[dict]:
        names = dict(FraudType.objects.values_list("id", "name"))
        place_names = {
            pk: f"{parent}/{name}"
            for pk, name, parent in OrgUnit.objects.filter(
                kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY]
            ).values_list("id", "name", "parent__name")
        }
        return [
            {
                "row": r["_row"],
                "case_number": r["v_case_number"],
                "reported_at": r["v_reported_at"],
                "place": place_names.get(r["v_place_id"], ""),
                "fraud_type": names.get(r["v_fraud_type_id"], ""),
                "loss_fen": r["v_loss_fen"] or 0,
                "narrative": r["v_narrative"] or "",
            }
            for r in valid.head(limit).iter_rows(named=True)
        ]


def _identifier_key(identifiers: pl.Expr) -> pl.Expr:
    """A comparable text for a list of {kind, value}: sorted 'kind:value' joined by '|'."""
    return (
        identifiers.list.eval(
            pl.element().struct.field("kind") + pl.lit(":") + pl.element().struct.field("value")
        )
        .list.sort()
        .list.join("|")
        .fill_null("")
    )


def _comparable(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.with_columns(
        pl.col("reported_at").dt.convert_time_zone("UTC"),
        pl.col("occurred_at").dt.convert_time_zone("UTC"),
        _identifier_key(pl.col("identifiers")).alias("identifier_key"),
    ).drop("identifiers")


def _stored_rows(ids: list[int]) -> pl.DataFrame:
    records = []
    for start in range(0, len(ids), 5000):
        records.extend(Case.objects.filter(id__in=ids[start : start + 5000]).values("id", *CASE_FIELDS))
    schema = {
        "id": pl.Int64,
        "reported_at": pl.Datetime("us", "UTC"),
        "occurred_at": pl.Datetime("us", "UTC"),
    }
    stored = pl.DataFrame(records, schema_overrides=schema, infer_schema_length=None)
    keys: dict[int, list[str]] = {}
    for start in range(0, len(ids), 5000):
        for case_id, kind, value in SuspectIdentifier.objects.filter(
            case_id__in=ids[start : start + 5000]
        ).values_list("case_id", "kind", "value"):
            keys.setdefault(case_id, []).append(f"{kind}:{value}")
    key_frame = pl.DataFrame(
        {"id": list(keys), "identifier_key": ["|".join(sorted(v)) for v in keys.values()]},
        schema={"id": pl.Int64, "identifier_key": pl.String},
    )
    stored = stored.join(key_frame, on="id", how="left").with_columns(pl.col("identifier_key").fill_null(""))
    return stored.drop("id").with_columns(
        pl.col("reported_at").dt.convert_time_zone("UTC"), pl.col("occurred_at").dt.convert_time_zone("UTC")
    )
