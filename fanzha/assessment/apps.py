from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AssessmentConfig(AppConfig):
    name = "fanzha.assessment"
    verbose_name = "考核与研判"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The 约谈/通报批评 notice of a resolved 倒查 (reviews.py); the monthly summary follows the cases
        (month_cache): an import refreshes it in its own transaction (nothing to do when no month is
        marked), a case saved or deleted through the ORM once its transaction commits."""
        from fanzha.assessment import month_cache
        from fanzha.assessment.reviews import record_notice
        from fanzha.cases.models import Case
        from fanzha.imports.signals import imported
        from fanzha.warnings.signals import review_resolved

        review_resolved.connect(record_notice, dispatch_uid="assessment.record_notice")

        def after_import(sender, **kwargs):  # any kind: whatever marked a month is summed with it
            month_cache.refresh()

        imported.connect(after_import, weak=False, dispatch_uid="month_cache.after_import")
        post_save.connect(month_cache.refresh_after_commit, sender=Case, dispatch_uid="month_cache.saved")
        post_delete.connect(month_cache.refresh_after_commit, sender=Case, dispatch_uid="month_cache.deleted")
