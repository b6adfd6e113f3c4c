from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "fanzha.audit"
    label = "audit"
    verbose_name = "审计"
