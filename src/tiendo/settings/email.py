"""E-mail: the console backend by default, SMTP when TIENDO_EMAIL_HOST is set."""

from __future__ import annotations

from .env import env_bool, env_int, env_str

EMAIL_HOST = env_str("TIENDO_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("TIENDO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("TIENDO_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("TIENDO_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("TIENDO_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("TIENDO_EMAIL_FROM", "tiendo@localhost")
