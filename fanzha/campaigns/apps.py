from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fanzha.campaigns"
    label = "campaigns"
    verbose_name = "专项行动（方案、阶段、里程碑）"
