from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tiendo.accounts"
    verbose_name = "Tài khoản"
