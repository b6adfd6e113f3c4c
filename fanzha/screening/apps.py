from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "fanzha.screening"
    verbose_name = "文本研判"

    def ready(self):
        from fanzha.cases.signals import case_form_saved
        from fanzha.imports import registry
        from fanzha.screening.service import annotate_preview, record_choice_of_form

        registry.add_preview_step("cases", "screening.use_screening", annotate_preview)
        case_form_saved.connect(record_choice_of_form, dispatch_uid="screening.record_choice")
