from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web shell (the top floor): the home page, the server (`fanzha serve`) and how forms are
    drawn. It may read every floor below; nothing below reads it."""

    name = "fanzha.web"
    label = "web"
    verbose_name = "网页"

    def ready(self):
        from fanzha.accounts.signals import password_reset
        from fanzha.web.receivers import record_password_reset

        password_reset.connect(record_password_reset, dispatch_uid="web.record_password_reset")
