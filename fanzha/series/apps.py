from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "fanzha.series"
    label = "series"
    verbose_name = "串并案"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from fanzha.cases.signals import case_saved
        from fanzha.parameters.signals import parameter_changed
        from fanzha.series import receivers

        case_saved.connect(receivers.link_saved_cases, dispatch_uid="series.link_saved_cases")
        parameter_changed.connect(receivers.rebuild_on_new_limit, dispatch_uid="series.rebuild_on_new_limit")
