"""The test suite: a fast password hasher, mails kept in memory, a throwaway data folder."""

import os
import tempfile

os.environ.setdefault("TIENDO_HOME", tempfile.mkdtemp(prefix="tiendo-test-"))

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 (whitenoise warns about a missing folder)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
