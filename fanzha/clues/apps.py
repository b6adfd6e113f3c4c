from django.apps import AppConfig


class CluesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fanzha.clues"
    label = "clues"
    verbose_name = "上级推送线索"

    def ready(self):
        from fanzha.cases.signals import case_saved
        from fanzha.clues.importers import ClueImporter
        from fanzha.clues.receivers import rematch_open_clues
        from fanzha.imports import registry

        registry.register("clues", ClueImporter, "clues.import_clues")
        case_saved.connect(rematch_open_clues, dispatch_uid="clues.rematch_open_clues")
