from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils import timezone

from fanzha.accounts.roles import Role


class User(AbstractUser):
    """Every user belongs to one org unit and holds one role; both decide what they see and do."""

    org = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.role:
            group = Group.objects.filter(name=Role(self.role).label).first()
            role_groups = Group.objects.filter(name__in=Role.labels)
            self.groups.remove(*role_groups.exclude(pk=getattr(group, "pk", None)))
            if group:
                self.groups.add(group)


class LoginFailure(models.Model):
    """A failed login, kept to throttle guessing (per user name and per address)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"

    def __str__(self):
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
