from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fanzha.inspections"
    label = "inspections"
    verbose_name = "督导检查"
