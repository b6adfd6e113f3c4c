"""专项行动的里程碑: a phase's task for one unit. A milestone IS a member-unit duty (prevention.Duty:
its report, evidence and the office's 验收/退回), linked here to the phase it belongs to — there is no
second workflow (docs/coordination.md)."""

from django.db import models

from fanzha.orgs.scope import scoped_manager


class Milestone(models.Model):
    phase = models.ForeignKey(
        "assessment.Phase", verbose_name="阶段", on_delete=models.CASCADE, related_name="milestones"
    )
    duty = models.OneToOneField(
        "prevention.Duty", verbose_name="任务", on_delete=models.CASCADE, related_name="milestone"
    )

    objects = scoped_manager("duty__org")

    class Meta:
        verbose_name = "里程碑"
        verbose_name_plural = "里程碑"
        ordering = ["duty__deadline", "duty__org__path"]
        permissions = [("manage_campaign", "管理专项行动方案、阶段与里程碑")]

    def __str__(self):
        return f"{self.phase} {self.duty}"
