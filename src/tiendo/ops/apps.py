from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "tiendo.ops"
    label = "ops"
    verbose_name = "Vận hành"
    default_auto_field = "django.db.models.BigAutoField"
