from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "tiendo.reporting"
    verbose_name = "Báo cáo định kỳ"
