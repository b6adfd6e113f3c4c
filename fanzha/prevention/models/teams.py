"""反诈宣传队队员: the roster of a publicity team. A team with a roster counts its members in post
(prevention/teams.py keeps PublicityTeam.members equal to it), which feeds the station team quota."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from fanzha.core import masking
from fanzha.orgs.scope import scoped_manager


class TeamDuty(models.TextChoices):
    LEADER = "leader", "队长"
    MEMBER = "member", "队员"


class TeamMember(models.Model):
    team = models.ForeignKey(
        "prevention.PublicityTeam", verbose_name="宣传队", on_delete=models.CASCADE, related_name="roster"
    )
    name = models.CharField("姓名", max_length=50)
    duty = models.CharField("队内职务", max_length=10, choices=TeamDuty.choices, default=TeamDuty.MEMBER)
    position = models.CharField("身份", max_length=50, blank=True, help_text="如 民警、辅警、网格员、志愿者")
    phone = models.CharField("联系电话", max_length=20, blank=True)
    is_active = models.BooleanField("在队", default=True)
    created_at = models.DateTimeField("录入时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = scoped_manager("team__org")
    PERSONAL_DATA = {"phone": masking.mask_phone}

    class Meta:
        verbose_name = "反诈宣传队队员"
        verbose_name_plural = "反诈宣传队队员"
        ordering = ["team__org__path", "team__name", "duty", "name"]
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="team_member_unique")]

    def __str__(self):
        return f"{self.team.name} {self.name}"
