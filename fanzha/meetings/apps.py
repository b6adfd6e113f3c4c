from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fanzha.meetings"
    label = "meetings"
    verbose_name = "研判会商与联席会议"
