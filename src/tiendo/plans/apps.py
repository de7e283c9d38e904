from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tiendo.plans"
    verbose_name = "Chương trình hành động"
