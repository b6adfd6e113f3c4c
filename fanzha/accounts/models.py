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
        password_changed = self._password is not None  # set_password was called
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.all().delete()
        if self.role:
            group = Group.objects.filter(name=Role(self.role).label).first()
            role_groups = Group.objects.filter(name__in=Role.labels)
            self.groups.remove(*role_groups.exclude(pk=getattr(group, "pk", None)))
            if group:
                self.groups.add(group)


class LoginAttempts(models.Model):
    """Login attempts (登录尝试) of one user name from one address in the current window, counted
    before the password is checked (see accounts.throttle). The row with an empty user name counts
    the address's failures over all names."""

    username = models.CharField(max_length=150)  # lower-cased; "" for the whole address
    address = models.CharField(max_length=45)  # "" when unknown
    count = models.PositiveIntegerField(default=0)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "登录尝试计数"
        verbose_name_plural = "登录尝试计数"
        constraints = [models.UniqueConstraint(fields=["username", "address"], name="login_attempts_key")]

    def __str__(self):
        return f"{self.username or '（全部用户名）'}@{self.address} {self.count}"


class ApiToken(models.Model):
    """An API token (接口令牌), stored as the SHA-256 digest of its key (see accounts.api_tokens)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="用户")
    digest = models.CharField("令牌摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    expires_at = models.DateTimeField("到期时间")

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        # who scripts against the REST API: the menu shows them 接口文档 (others never get a token)
        permissions = [("use_api", "使用接口（接口文档）")]

    def __str__(self):
        return f"{self.user} {self.expires_at:%Y-%m-%d}"
