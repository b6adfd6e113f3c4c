from django.apps import AppConfig


class KeyPersonsConfig(AppConfig):
    name = "fanzha.keypersons"
    label = "keypersons"
    verbose_name = "重点人员管控"
    default_auto_field = "django.db.models.BigAutoField"
