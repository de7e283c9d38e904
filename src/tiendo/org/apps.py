from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "tiendo.org"
    verbose_name = "Tổ chức, đơn vị"
