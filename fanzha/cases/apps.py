from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fanzha.cases"
    label = "cases"
    verbose_name = "案件台账"
