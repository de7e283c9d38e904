"""The test suite: a fast password hasher, mails kept in memory, a throwaway data folder."""

import os
import tempfile
from pathlib import Path

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

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: with threads (tests of concurrent requests)
    # an in-memory database shared between connections fails at once with "database table is
    # locked" where a real database file waits for the lock, as in production.
    # (In a folder of its own, so that nothing that reads the data folder sees it.)
    _test_db = Path(tempfile.mkdtemp(prefix="tiendo-testdb-")) / "test.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}  # noqa: F405
