from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tiendo.indicators"
    verbose_name = "Chỉ số và số liệu"
