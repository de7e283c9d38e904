"""Settings shared by every environment. Values come from environment variables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .database import databases, prepared_statements
from .email import *  # noqa: F403
from .env import data_home, env_bool, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_HOME = data_home()
SECRET_KEY = secret_key(DATA_HOME)
DEBUG = env_bool("TIENDO_DEBUG", False)
ALLOWED_HOSTS = env_list("TIENDO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("TIENDO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "tiendo.accounts.axes_app.LoginGuardConfig",  # django-axes, named in Vietnamese
    "tiendo.core",
    "tiendo.audit",
    "tiendo.accounts",
    "tiendo.org",
    "tiendo.plans",
    "tiendo.indicators",
    "tiendo.reporting",
    "tiendo.evaluation",
    "tiendo.importer",
    "tiendo.workprograms",
    "tiendo.web",
    "tiendo.exports",
    "tiendo.api",
    "tiendo.ops",
    "ninja",
]

MIDDLEWARE = [
    "tiendo.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tiendo.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tiendo.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "tiendo.web.middleware.BusyMiddleware",
]

ROOT_URLCONF = "tiendo.urls"
WSGI_APPLICATION = "tiendo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tiendo.web.context_processors.navigation",
            ],
            "builtins": ["tiendo.core.templatetags.vn"],
        },
    }
]

DATABASES = databases(DATA_HOME)
TIENDO_DB_PREPARE = prepared_statements()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # tiendo.accounts.backends.NormalisedModelBackend (user names in any case or Unicode form)
    # reading the user with their unread notifications' count (tiendo.web.auth)
    "tiendo.web.auth.UnreadCountBackend",
]
# Failed logins: 5 failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind the documented nginx, every request comes from 127.0.0.1: lockouts must key on the real
# client, read from X-Forwarded-For — only when the operator says how many proxies to trust
# (TIENDO_TRUSTED_PROXIES, 0 = none: the header is ignored, it could be forged).
TIENDO_TRUSTED_PROXIES = env_int("TIENDO_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "tiendo.accounts.client_ip.client_ip"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
# Django's database sessions, read with a prepared statement (tiendo.accounts.sessions)
SESSION_ENGINE = "tiendo.accounts.sessions"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TIENDO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIENDO_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # numbers are written by the vn_number filters

STATIC_URL = "static/"
STATIC_ROOT = DATA_HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_HOME / "media"
MEDIA_URL = "media/"
# Uploads: evidence files up to 20 MB; larger request bodies go to a temporary file.
TIENDO_EVIDENCE_MAX_BYTES = env_int("TIENDO_EVIDENCE_MAX_MB", 20) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Imported files (plan documents, data-entry workbooks) are refused above this size before they
# are read; an Office file (.docx, .xlsx, a zip) is opened only when its parts unpack to at most
# TIENDO_ZIP_MAX_MB in total and it has at most TIENDO_ZIP_MAX_MEMBERS parts (issue 13).
TIENDO_IMPORT_MAX_BYTES = env_int("TIENDO_IMPORT_MAX_MB", 20) * 1024 * 1024
TIENDO_ZIP_MAX_BYTES = env_int("TIENDO_ZIP_MAX_MB", 50) * 1024 * 1024
TIENDO_ZIP_MAX_MEMBERS = env_int("TIENDO_ZIP_MAX_MEMBERS", 2000)

# A cache shared by the app server's worker processes (files in the data folder). It holds
# evaluations keyed by a fingerprint of their inputs, so a stale entry is never used.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_HOME / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

TIENDO_BUILTIN_PLAN = "lang-son-2020-2025"
# Open data (accepted figures as CSV/JSON) is public unless this is false.
TIENDO_OPEN_DATA_PUBLIC = env_bool("TIENDO_OPEN_DATA_PUBLIC", True)

from .logging import LOGGING, TIENDO_REQUEST_LOG, TIENDO_SLOW_QUERY_MS  # noqa: E402, F401
