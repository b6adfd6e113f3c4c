from django.apps import AppConfig


class WarningsConfig(AppConfig):
    name = "fanzha.warnings"
    label = "warnings"
    verbose_name = "预警劝阻"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.imports import registry
        from fanzha.warnings.importers import WarningImporter

        registry.register("warnings", WarningImporter, "warnings.import_warnings")
