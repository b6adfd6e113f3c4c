from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "fanzha.directory"
    label = "directory"
    verbose_name = "通讯录"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.directory.importers import LeadershipImporter, LiaisonImporter
        from fanzha.imports import registry

        registry.register("liaisons", LiaisonImporter, "directory.add_liaison")
        registry.register("leadership", LeadershipImporter, "directory.add_leadershipmember")
