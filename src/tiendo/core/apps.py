from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tiendo.core"
    verbose_name = "Nền tảng"
