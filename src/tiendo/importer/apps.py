from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "tiendo.importer"
    verbose_name = "Nhập chương trình từ văn bản"
