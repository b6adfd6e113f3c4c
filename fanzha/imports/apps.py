from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "fanzha.imports"
    label = "imports"
    verbose_name = "数据导入"

    def ready(self):
        from fanzha.imports import registry
        from fanzha.imports.orgs import OrgImporter

        registry.register("orgs", OrgImporter, "orgs.import_orgs")
