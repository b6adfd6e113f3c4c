from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fanzha.cases"
    label = "cases"
    verbose_name = "案件台账"

    def ready(self):
        from fanzha.cases.importers import CaseImporter
        from fanzha.imports import registry

        registry.register("cases", CaseImporter, "cases.import_cases")

        from fanzha.cases.grading import regrade_on_new_levels
        from fanzha.parameters.signals import parameter_changed

        parameter_changed.connect(regrade_on_new_levels, dispatch_uid="cases.regrade_on_new_levels")
