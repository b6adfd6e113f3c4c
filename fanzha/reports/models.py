"""A 通报 as a document the office issues: drafted (its paragraphs edited), then 签发 — numbered per
year and kind (〔2024〕第3期), dated, and archived as issued: the .docx bytes, the figures it printed and
their SHA-256. An issued 通报 never changes; asking for its period again returns the archived one."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse

from fanzha.orgs.scope import scoped_manager
from fanzha.reports.cadences import CADENCES

LETTER = "letter"  # 函告: one case's letter, numbered 〔2024〕函告第12号
THREE_NOTICES = (LETTER, "public", "annual")  # 004's 三告: 函告, 通告, 报告
KINDS = [(c.key, c.label) for c in CADENCES.values()] + [(LETTER, "函告")]


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已签发"


class Bulletin(models.Model):
    kind = models.CharField("类别", max_length=16, choices=KINDS)
    period = models.CharField("期间", max_length=50)  # a 函告's: its case number
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="函告案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressee = models.CharField("主送", max_length=100, blank=True)
    prefix = models.CharField("文号代字", max_length=20, blank=True)  # 函告 in 〔2024〕函告第12号
    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="发文单位", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=8, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT
    )
    issuer = models.CharField("发文机关", max_length=60)
    signatory = models.CharField("落款", max_length=60)
    features = models.TextField("主要特点", blank=True)
    requirements = models.TextField("工作要求", blank=True)
    year = models.PositiveSmallIntegerField("期号年度", null=True, blank=True)
    number = models.PositiveSmallIntegerField("期号", null=True, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    document = models.BinaryField("签发文件（.docx）", null=True, blank=True, editable=False)
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64, blank=True, editable=False)
    figures = models.JSONField("签发时的内容与数据", default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "通报"
        verbose_name_plural = "通报"
        ordering = ["-created_at"]
        permissions = [("issue_bulletin", "签发通报")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="bulletin_number_once_per_year",
            ),
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=models.Q(status="issued"),
                name="bulletin_issued_once_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period} {self.number_text}"

    def get_absolute_url(self):
        return reverse("reports:bulletin", args=[self.pk])

    @property
    def number_text(self) -> str:
        if not self.number:
            return "（草稿）"
        if self.kind == LETTER:
            return f"〔{self.year}〕{self.prefix}第{self.number}号"
        return f"〔{self.year}〕第{self.number}期"

    @property
    def is_letter(self) -> bool:
        return self.kind == LETTER

    @property
    def is_issued(self) -> bool:
        return self.status == BulletinStatus.ISSUED

    def intact(self) -> bool:
        """The archived bytes are the ones issued."""
        return bool(self.document) and hashlib.sha256(bytes(self.document)).hexdigest() == self.sha256
