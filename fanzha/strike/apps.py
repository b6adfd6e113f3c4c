from django.apps import AppConfig


class StrikeConfig(AppConfig):
    name = "fanzha.strike"
    label = "strike"
    verbose_name = "止付冻结"
