"""Importing a batch of clues pushed from above (CSV/XLSX). Each value is normalised by its kind as the
case ledger normalises suspect identifiers; every new clue is matched and assigned in the import's
transaction (clues/services.receive_many). A clue already held (same 批次号, type and value) is left as
it is, so importing a batch twice changes nothing."""

import polars as pl

from fanzha.clues import matching, services
from fanzha.clues.models import Clue, ClueKind
from fanzha.imports import cells
from fanzha.imports.bulk import rows_by
from fanzha.imports.ledger import EARLIEST, Field, LedgerImporter, choice_map
from fanzha.imports.models import ImportKind
from fanzha.imports.runner import Counts

HEADERS = {
    "线索类型": ["类型", "线索种类", "号码类型"],
    "线索内容": ["号码", "账号", "涉案号码", "涉诈号码", "线索", "内容", "卡号", "网址"],
    "来源": ["下发单位", "推送单位", "来源单位", "来源平台", "上级单位"],
    "批次号": ["批次", "下发批次", "推送批次"],
    "接收日期": ["下发日期", "推送日期", "推送时间", "下发时间", "接收时间"],
    "核查时限": ["反馈时限", "截止日期", "办结时限", "时限"],
    "承办民警": ["民警", "承办人"],
    "备注": ["说明"],
}
KIND_ALIASES = {
    "手机": "phone",
    "电话": "phone",
    "电话号码": "phone",
    "手机号码": "phone",
    "微信号": "wechat",
    "vx": "wechat",
    "qq号": "qq",
    "银行账号": "bank_card",
    "银行卡号": "bank_card",
    "银行账户": "bank_card",
    "支付宝": "payment",
    "支付宝账号": "payment",
    "财付通": "payment",
    "url": "url",
    "域名": "url",
    "链接": "url",
}


def _normal(kind: str | None, value: str | None) -> dict:
    if not kind or not value:
        return {"normal": None, "error": None}
    try:
        return {"normal": matching.normalise(kind, value), "error": None}
    except ValueError as exc:
        return {"normal": None, "error": f"{exc}：「{value}」"}


class ClueImporter(LedgerImporter):
    kind = ImportKind.CLUES
    choice_columns = {"线索类型": ClueKind}
    headers = HEADERS
    required_headers = ("线索类型", "线索内容", "来源", "接收日期")
    key_columns = ("batch", "kind", "normal")

    def prepare(self) -> None:
        super().prepare()
        self.deadline_days = services.deadline_days()

    def fields(self):
        now = self.now_limit()
        return [
            Field(
                "kind",
                "线索类型",
                cells.choice,
                (choice_map(ClueKind, KIND_ALIASES), "、".join(ClueKind.labels)),
                True,
            ),
            Field("value", "线索内容", cells.text, (300,), True),
            Field("source", "来源", cells.text, (60,), True),
            Field("batch", "批次号", cells.text, (60, True)),
            Field("received_on", "接收日期", cells.local_date, (EARLIEST, now), True),
            Field("deadline", "核查时限", cells.local_date, (EARLIEST, now.replace(year=now.year + 2))),
            Field("officer", "承办民警", cells.text, (50,)),
            Field("note", "备注", cells.text, (300,)),
        ]

    def _header_of(self, name: str) -> str:
        return "线索内容" if name == "normal" else super()._header_of(name)

    def cross_checks(self, frame):
        checked = (
            pl.struct("v_kind", "v_value")
            .map_elements(
                lambda row: _normal(row["v_kind"], row["v_value"]),
                return_dtype=pl.Struct({"normal": pl.String, "error": pl.String}),
            )
            .alias("_normal")
        )
        frame = frame.with_columns(checked).with_columns(
            pl.col("_normal").struct.field("normal").alias("v_normal"),
            pl.col("_normal").struct.field("error").alias("x_value"),
            pl.when(pl.col("v_deadline") < pl.col("v_received_on"))
            .then(pl.lit("核查时限早于接收日期"))
            .alias("x_deadline"),
        )
        return frame, {"x_value": "线索内容", "x_deadline": "核查时限"}

    def _fresh(self, valid: pl.DataFrame) -> pl.DataFrame:
        """The rows whose clue (批次号, type, normalised value) is not yet held."""
        batches = list({b or "" for b in valid["v_batch"].to_list()})
        held = {(b, k, v) for b, k, v in rows_by(Clue, "batch", batches, ("kind", "value"))}
        keys = zip(
            valid["v_batch"].fill_null("").to_list(),
            valid["v_kind"].to_list(),
            valid["v_normal"].to_list(),
            strict=True,
        )
        return valid.filter(pl.Series([key not in held for key in keys], dtype=pl.Boolean))

    def plan(self, valid: pl.DataFrame) -> Counts:
        if valid.height == 0:
            return Counts()
        fresh = self._fresh(valid)
        return Counts(created=fresh.height, unchanged=valid.height - fresh.height)

    def write(self, valid: pl.DataFrame) -> Counts:
        if valid.height == 0:
            return Counts()
        fresh = self._fresh(valid)
        incoming = [
            services.Incoming(
                kind=row["v_kind"],
                value=row["v_normal"],
                source=row["v_source"] or "",
                batch=row["v_batch"] or "",
                received_on=row["v_received_on"],
                deadline=row["v_deadline"],
                officer=row["v_officer"] or "",
                note=row["v_note"] or "",
            )
            for row in fresh.iter_rows(named=True)
        ]
        if incoming:
            services.receive_many(self.user, incoming, self.deadline_days)
        return Counts(created=fresh.height, unchanged=valid.height - fresh.height)
