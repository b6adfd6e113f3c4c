from django.apps import AppConfig


class CluesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fanzha.clues"
    label = "clues"
    verbose_name = "上级推送线索"

    def ready(self):
        from fanzha.clues.importers import ClueImporter
        from fanzha.imports import registry

        registry.register("clues", ClueImporter, "clues.import_clues")
