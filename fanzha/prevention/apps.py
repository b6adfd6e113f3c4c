from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "fanzha.prevention"
    label = "prevention"
    verbose_name = "宣防台账"
    default_auto_field = "django.db.models.BigAutoField"
