"""django-axes (locking sign-in after repeated wrong passwords) under a Vietnamese name in the
admin. Its models and fields are named in Vietnamese by the project's `vi` catalogue
(`locale/vi/LC_MESSAGES/django.po`), which translates axes' own English words."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginGuardConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")
