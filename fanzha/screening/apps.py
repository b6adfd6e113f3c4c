from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "fanzha.screening"
    verbose_name = "文本研判"
