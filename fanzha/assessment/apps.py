from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "fanzha.assessment"
    verbose_name = "考核与研判"
    default_auto_field = "django.db.models.BigAutoField"
