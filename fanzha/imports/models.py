from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    ORGS = "orgs", "组织机构"
    CASES = "cases", "案件台账"
    VISITS = "visits", "入户走访"
    ACTIVITIES = "activities", "宣防活动"
    REGISTRATIONS = "registrations", "App注册"
    WARNINGS = "warnings", "预警信息"
    KEY_PERSONS = "keypersons", "重点人员"
    CLUES = "clues", "上级推送线索"
    LIAISONS = "liaisons", "联络员"
    LEADERSHIP = "leadership", "领导小组成员"
    TEAM_MEMBERS = "team_members", "反诈宣传队队员"


class HeaderAlias(models.Model):
    """A header as a centre's own ledger writes it (e.g. 被骗金额) → the canonical column (损失金额)."""

    kind = models.CharField("导入类型", max_length=20, choices=ImportKind.choices)
    alias = models.CharField("表头写法", max_length=50)
    canonical = models.CharField("标准列名", max_length=50)

    class Meta:
        verbose_name = "表头别名"
        verbose_name_plural = "表头别名"
        constraints = [models.UniqueConstraint(fields=["kind", "alias"], name="header_alias_unique")]
        ordering = ["kind", "canonical", "alias"]

    def __str__(self):
        return f"{self.alias} → {self.canonical}"


class ChoiceSynonym(models.Model):
    """选项同义词: a word a ledger writes in a choice column (在侦, 已破, 企业职工) → the choice it means.
    County-wide, like the header aliases; edited on the import page (imports/synonyms.py)."""

    kind = models.CharField("导入类型", max_length=20, choices=ImportKind.choices)
    column = models.CharField("标准列名", max_length=50)
    word = models.CharField("台账写法", max_length=50)
    value = models.CharField("对应选项", max_length=30)

    class Meta:
        verbose_name = "选项同义词"
        verbose_name_plural = "选项同义词"
        constraints = [
            models.UniqueConstraint(fields=["kind", "column", "word"], name="choice_synonym_unique")
        ]
        ordering = ["kind", "column", "value", "word"]

    def __str__(self):
        return f"{self.column}：{self.word}"


class ImportJob(models.Model):
    """导入任务: an import or a preview as it runs, kept in the database so that every server process
    sees it (the progress page polls it). Its process is known by host and pid and beats a heartbeat;
    a job whose process is gone is shown as failed (imports/jobs.py).

    `writing` is the import lock: True on the one import that may write the ledger, NULL on every other
    job; the unique constraint makes taking it atomic on SQLite and PostgreSQL, across processes."""

    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        DONE = "done", "已结束"
        FAILED = "failed", "失败"

    token = models.CharField("编号", max_length=32, unique=True)
    kind = models.CharField("导入类型", max_length=20, choices=ImportKind.choices)
    filename = models.CharField("文件名", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    partial = models.BooleanField("只导入正确的行", default=False)
    dry_run = models.BooleanField("只预览", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    done = models.PositiveBigIntegerField("已处理行数", default=0)
    total = models.PositiveBigIntegerField("总行数", default=0)
    error = models.TextField("错误", blank=True)
    result = models.JSONField("结果摘要", null=True, blank=True)
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    heartbeat_at = models.DateTimeField("最近心跳", default=timezone.now)
    host = models.CharField("主机", max_length=255)
    pid = models.PositiveIntegerField("进程号")
    writing = models.BooleanField("正在写入台账（导入锁）", null=True, default=None)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["writing"], name="import_job_one_writing")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"


class ImportBatch(models.Model):
    """One run of an import: who, what file, what came of each row."""

    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        DONE = "done", "全部导入"
        PARTIAL = "partial", "部分导入"
        REJECTED = "rejected", "未导入（有错误）"
        FAILED = "failed", "失败"

    kind = models.CharField("导入类型", max_length=20, choices=ImportKind.choices)
    filename = models.CharField("文件名", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, on_delete=models.SET_NULL
    )
    partial = models.BooleanField("只导入正确的行", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    rows_total = models.PositiveIntegerField("总行数", default=0)
    rows_created = models.PositiveIntegerField("新增", default=0)
    rows_updated = models.PositiveIntegerField("更新", default=0)
    rows_unchanged = models.PositiveIntegerField("无变化", default=0)
    rows_rejected = models.PositiveIntegerField("有错误的行", default=0)
    errors = models.JSONField("错误（前1000条）", default=list, blank=True)
    # rows kept with a remark (a wrong check digit) and 合计 rows skipped
    warnings = models.JSONField("提醒（前1000条）", default=list, blank=True)
    notes = models.JSONField("关联说明", default=list, blank=True)  # e.g. rows that joined a 串并案
    error_workbook = models.CharField("错误标注文件", max_length=255, blank=True)
    # written in the import's own transaction: a job with a batch has committed
    job = models.OneToOneField(
        ImportJob,
        verbose_name="导入任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batch",
    )

    class Meta:
        verbose_name = "导入记录"
        verbose_name_plural = "导入记录"
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"
