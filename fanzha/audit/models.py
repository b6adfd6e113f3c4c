"""Append-only audit: who changed what (before/after), and who saw or exported personal data.
No view edits or deletes these rows; the one way to remove old ones is `fanzha audit prune`
(audit/retention.py: never rows younger than six months, and the prune leaves a row of its own)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ObjectChange(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        IMPORT = "import", "导入"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    request_id = models.CharField("请求编号", max_length=36, blank=True, db_index=True)
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    model = models.CharField("对象类型", max_length=50, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=200)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = "变更记录"
        verbose_name_plural = "变更记录"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class AccessLog(models.Model):
    """An unmasked view or an export of personal data (ID numbers, phones, bank accounts)."""

    class Action(models.TextChoices):
        VIEW = "view", "查看明文"
        EXPORT = "export", "导出"
        API = "api", "接口读取明文"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField("用户名", max_length=150)
    address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    model = models.CharField("对象类型", max_length=50)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    fields = models.CharField("字段", max_length=200)
    detail = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "个人信息访问记录"
        verbose_name_plural = "个人信息访问记录"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.model} {self.object_id}"
