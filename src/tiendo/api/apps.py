from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tiendo.api"
    verbose_name = "Giao diện lập trình (API)"
