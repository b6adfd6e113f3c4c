from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "fanzha.assessment"
    verbose_name = "考核与研判"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.assessment.reviews import record_notice
        from fanzha.warnings.signals import review_resolved

        review_resolved.connect(record_notice, dispatch_uid="assessment.record_notice")
