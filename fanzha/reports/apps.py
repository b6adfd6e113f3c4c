from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fanzha.reports"
    verbose_name = "通报与报表"
