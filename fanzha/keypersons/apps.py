from django.apps import AppConfig


class KeyPersonsConfig(AppConfig):
    name = "fanzha.keypersons"
    label = "keypersons"
    verbose_name = "重点人员管控"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.imports import registry
        from fanzha.keypersons.importers import KeyPersonImporter

        registry.register("keypersons", KeyPersonImporter, "keypersons.import_keypersons")
