from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "tiendo.exports"
    verbose_name = "Báo cáo và trao đổi dữ liệu"
