"""Importing the day's warnings from the upper platform (CSV/XLSX): each new warning is stored and
routed as a verification order in the same transaction. A warning already imported (same 预警编号) is
left as it is, so importing a day's file twice changes nothing."""

import polars as pl
from django.utils import timezone

from fanzha.core.idcard import id_number_stages
from fanzha.core.phones import phone_stages
from fanzha.imports import cells
from fanzha.imports.bulk import existing_ids, insert_returning_ids, insert_rows
from fanzha.imports.errors import RowError
from fanzha.imports.ledger import EARLIEST, Field, LedgerImporter, choice_map
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Counts
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.parameters import config
from fanzha.warnings.models import RiskLevel, VerificationOrder, Warning
from fanzha.warnings.routing import Router, deadline_minutes, route_many

HEADERS = {
    "预警编号": ["编号", "预警ID", "预警单号", "指令编号"],
    "预警时间": ["推送时间", "下发时间", "时间"],
    "电话": ["手机号", "预警号码", "受害人电话", "被预警号码", "联系电话"],
    "姓名": ["预警对象", "对象姓名"],
    "身份证号": ["身份证号码", "证件号码"],
    "风险类型": ["诈骗类型", "预警类型", "涉诈类型"],
    "风险等级": ["等级", "预警等级", "级别"],
    "来源": ["预警来源", "来源平台"],
    "派出所": ["所属派出所", "推送派出所", "管辖派出所"],
}
LEVEL_ALIASES = {
    "高风险": "high",
    "中风险": "medium",
    "低风险": "low",
    "一级": "high",
    "二级": "medium",
    "三级": "low",
}


class WarningImporter(LedgerImporter):
    kind = ImportKind.WARNINGS
    choice_columns = {"风险等级": RiskLevel}
    headers = HEADERS
    required_headers = ("预警编号", "预警时间", "风险等级")
    key_columns = ("external_id",)

    def prepare(self) -> None:
        super().prepare()
        self.stations, self.stations_ambiguous = self.orgs(OrgUnit.objects.filter(kind=OrgKind.STATION))
        self.router = Router()
        self.settings = config.current()

    def fields(self):
        return [
            Field("external_id", "预警编号", cells.text, (60, True), True),
            Field("received_at", "预警时间", cells.local_datetime, (EARLIEST, self.now_limit()), True),
            Field("phone", "电话", phone_stages),
            Field("name", "姓名", cells.text, (50,)),
            Field("id_number", "身份证号", id_number_stages),
            Field("risk_type", "风险类型", cells.text, (50,)),
            Field(
                "level", "风险等级", cells.choice, (choice_map(RiskLevel, LEVEL_ALIASES), "高、中、低"), True
            ),
            Field("source", "来源", cells.text, (50,)),
            Field("station_id", "派出所", cells.lookup, (self.stations, self.stations_ambiguous, "派出所")),
        ]

    def cross_checks(self, frame):
        need = pl.col("v_phone").fill_null("").eq("") & pl.col("v_id_number").fill_null("").eq("")
        return frame.with_columns(
            pl.when(need).then(pl.lit("电话和身份证号至少填写一项")).alias("x_contact")
        ), {"x_contact": "电话"}

    def check_in_db(self, parsed, columns):
        if self.unrestricted:
            return []
        # a restricted user (a station) may only import warnings pushed to a station it covers
        header = columns.header("派出所")
        return [
            RowError(row, header, "请填写您管辖的派出所" if station is None else "不在您的管辖范围内")
            for row, station in parsed.select("_row", "v_station_id").iter_rows()
            if station not in self.scope_ids
        ]

    def _fresh(self, valid: pl.DataFrame) -> pl.DataFrame:
        """The rows whose warning (by 预警编号) is not yet in the ledger."""
        known = existing_ids(Warning, "external_id", valid["v_external_id"].to_list())
        return valid.filter(~pl.col("v_external_id").is_in(list(known)))

    def plan(self, valid: pl.DataFrame) -> Counts:
        fresh = self._fresh(valid)
        return Counts(created=fresh.height, unchanged=valid.height - fresh.height)

    def write(self, valid: pl.DataFrame) -> Counts:
        counts = Counts()
        if valid.height == 0:
            return counts
        fresh = self._fresh(valid)
        counts.unchanged = valid.height - fresh.height
        if fresh.height == 0:
            return counts
        table = fresh.select(
            pl.col("v_external_id").alias("external_id"),
            pl.col("v_received_at").alias("received_at"),
            *(
                pl.col(f"v_{n}").fill_null("").alias(n)
                for n in ("phone", "name", "id_number", "risk_type", "level", "source")
            ),
            pl.col("v_station_id").alias("station_id"),
            pl.lit(timezone.now()).alias("created_at"),
        )
        ids = insert_returning_ids(Warning, table, "external_id")
        people = list(table.select("phone", "id_number", "station_id").iter_rows())
        routes = route_many(self.router, people)
        minutes = {level: deadline_minutes(level, self.settings) for level in RiskLevel.values}
        deadlines = table.select(
            pl.col("received_at") + pl.duration(minutes=pl.col("level").replace_strict(minutes))
        ).to_series()
        orders = pl.DataFrame(
            {
                "warning_id": ids,
                "assigned_to_id": [r.assigned_to_id for r in routes],
                "station_id": [r.station_id for r in routes],
                "routed_by": [r.routed_by for r in routes],
                "household_id": [r.household_id for r in routes],
                "deadline": deadlines,
                "status": ["new"] * len(ids),
            },
            schema={
                "warning_id": pl.Int64,
                "assigned_to_id": pl.Int64,
                "station_id": pl.Int64,
                "routed_by": pl.String,
                "household_id": pl.Int64,
                "deadline": pl.Datetime("us", "Asia/Shanghai"),
                "status": pl.String,
            },
        ).with_columns(pl.lit("").alias("method"), pl.lit("").alias("outcome"), pl.lit("").alias("note"))
        insert_rows(VerificationOrder, orders)
        counts.created = fresh.height
        return counts
