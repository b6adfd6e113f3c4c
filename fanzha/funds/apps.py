from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "fanzha.funds"
    label = "funds"
    verbose_name = "资金查控"
    default_auto_field = "django.db.models.BigAutoField"
