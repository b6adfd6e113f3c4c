from decimal import Decimal

from django.db import models

from fanzha.orgs.scope import scoped_manager
from fanzha.prevention.rules import sms_coverage_pct


class Operator(models.TextChoices):
    MOBILE = "mobile", "中国移动"
    UNICOM = "unicom", "中国联通"
    TELECOM = "telecom", "中国电信"
    BROADNET = "broadnet", "中国广电"


class SmsCampaign(models.Model):
    """A send of anti-fraud SMS: 002 「每次发送的覆盖面不低于系统用户总量的90%」."""

    org = models.ForeignKey(
        "orgs.OrgUnit", verbose_name="报送单位", on_delete=models.PROTECT, help_text="运营商成员单位或县中心"
    )
    operator = models.CharField("运营商", max_length=10, choices=Operator.choices)
    sent_on = models.DateField("发送日期")
    sent = models.PositiveIntegerField("发送条数")
    subscribers = models.PositiveIntegerField("系统用户总量")
    content = models.CharField("短信内容", max_length=500, blank=True)

    objects = scoped_manager("org")

    class Meta:
        verbose_name = "防骗短信"
        verbose_name_plural = "防骗短信"
        ordering = ["-sent_on", "operator"]

    def __str__(self):
        return f"{self.get_operator_display()} {self.sent_on:%Y-%m-%d}"

    @property
    def coverage(self) -> Decimal | None:
        return sms_coverage_pct(self.sent, self.subscribers)
