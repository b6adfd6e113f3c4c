from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "fanzha.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self):
        from fanzha.accounts.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)
