"""重点人员 and 窝点 (docs/certification.md). The strictest ledger: only station officers and the county
office hold its permissions; rows are scoped by residence village, station and employer like cases.

003 无诈村 criteria 3–4 and 无诈单位 criterion 2 read this ledger (keypersons/queries.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.scope import scoped_manager


class Category(models.TextChoices):
    OFFENDER = "offender", "涉诈违法犯罪人员（前科）"
    STRANDED = "stranded", "滞留缅北/境外涉诈高危人员"
    INTERCEPTED = "intercepted", "拦截人员"
    TWO_CARDS = "two_cards", "“两卡”违法人员"
    SUSPECT = "suspect", "涉诈嫌疑人员"
    OTHER = "other", "其他重点人员"


# 003 无诈村 标准3 / 无诈单位 标准2 name exactly these: 违法犯罪人员、滞留缅北涉诈高危人员、拦截人员
CERTIFICATION_CATEGORIES = (Category.OFFENDER, Category.STRANDED, Category.INTERCEPTED, Category.TWO_CARDS)


class Residence(models.TextChoices):
    PERMANENT = "permanent", "常住"
    TEMPORARY = "temporary", "暂住"


class ControlStatus(models.TextChoices):
    AT_HOME = "at_home", "在家管控"
    ABROAD = "abroad", "在境外"
    RETURNED = "returned", "已劝返"
    DETAINED = "detained", "已羁押"
    RELEASED = "released", "已解除管控"


class StaffRelation(models.TextChoices):
    STAFF = "staff", "本单位工作人员"
    FAMILY = "family", "工作人员家属（父母、配偶、子女）"


class KeyPerson(models.Model):
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, unique=True)
    phone = models.CharField("联系电话", max_length=20, blank=True, db_index=True)
    category = models.CharField("类别", max_length=12, choices=Category.choices)
    residence = models.CharField(
        "居住类型", max_length=10, choices=Residence.choices, default=Residence.PERMANENT
    )
    village = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="居住村/社区",
        on_delete=models.PROTECT,
        related_name="key_persons",
        limit_choices_to={"kind__in": PLACE_KINDS},
    )
    address = models.CharField("住址", max_length=200, blank=True)
    employer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="工作单位（本人或家属）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrgKind.MEMBER_UNIT},
    )
    staff_relation = models.CharField("与单位关系", max_length=8, choices=StaffRelation.choices, blank=True)
    status = models.CharField(
        "管控状态", max_length=10, choices=ControlStatus.choices, default=ControlStatus.AT_HOME
    )
    officer = models.CharField("责任民警/网格员", max_length=50, blank=True)
    pledge_signed = models.BooleanField("已签订承诺书", default=False)
    registered_on = models.DateField("列管日期")
    released_on = models.DateField("解除管控日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    objects = scoped_manager(
        ("village", PLACE_KINDS),
        ("village__station", (OrgKind.STATION,)),
        ("employer", (OrgKind.MEMBER_UNIT,)),
    )

    # masked in the change history (audit/personal.py)
    PERSONAL_DATA = {"id_number": masking.mask_id_number, "phone": masking.mask_phone}

    class Meta:
        verbose_name = "重点人员"
        verbose_name_plural = "重点人员"
        ordering = ["village__path", "name"]
        permissions = [("import_keypersons", "导入重点人员")]

    def __str__(self):
        return self.name


class Den(models.Model):
    """窝点: a place used for telecom fraud, found on a date (003 无诈村 标准4)."""

    village = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="所在村/社区",
        on_delete=models.PROTECT,
        related_name="dens",
        limit_choices_to={"kind__in": PLACE_KINDS},
    )
    address = models.CharField("地点", max_length=200)
    found_on = models.DateField("查获日期")
    description = models.TextField("情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager(("village", PLACE_KINDS), ("village__station", (OrgKind.STATION,)))

    class Meta:
        verbose_name = "窝点"
        verbose_name_plural = "窝点"
        ordering = ["-found_on"]

    def __str__(self):
        return f"{self.village} {self.address}"
