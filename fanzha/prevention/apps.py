from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "fanzha.prevention"
    label = "prevention"
    verbose_name = "宣防台账"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.imports import registry
        from fanzha.prevention.importers import (
            ActivityImporter,
            RegistrationImporter,
            TeamMemberImporter,
            VisitImporter,
        )

        registry.register("visits", VisitImporter, "prevention.add_householdvisit")
        registry.register("activities", ActivityImporter, "prevention.add_activity")
        registry.register("registrations", RegistrationImporter, "prevention.add_registration")
        registry.register("team_members", TeamMemberImporter, "prevention.add_teammember")
