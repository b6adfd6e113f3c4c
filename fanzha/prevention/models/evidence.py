"""留存影像资料备查: photos and documents kept as evidence of an activity, a visit or a duty.

Files are stored under MEDIA_ROOT/evidence/, checked for size and type (prevention/uploads.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Attachment(models.Model):
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    activity = models.ForeignKey(
        "prevention.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    visit = models.ForeignKey(
        "prevention.HouseholdVisit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    duty = models.ForeignKey(
        "prevention.Duty", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.name
