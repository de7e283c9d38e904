from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tiendo.web"
    verbose_name = "Giao diện"
