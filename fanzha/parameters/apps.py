from django.apps import AppConfig


class ParametersConfig(AppConfig):
    name = "fanzha.parameters"
    verbose_name = "规则参数"
    default_auto_field = "django.db.models.BigAutoField"
