"""Setting up a data folder: migrations, static files, the built-in plan and the 2025
reorganisation of its units, the first administrator."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.db import transaction

from tiendo.ops.demo_accounts import DemoAccount, demo_set_ensure
from tiendo.ops.demo_builtin import SampleResult, sample_load
from tiendo.org.services import reorganisation_builtin_ensure
from tiendo.plans.services import plan_builtin_ensure, unit_succession_record


@dataclass
class SetupResult:
    plan_loaded: bool
    admin_username: str | None = None
    admin_password: str | None = None
    notes: list[str] = field(default_factory=list)
    demo_accounts: list[DemoAccount] = field(default_factory=list)
    sample: SampleResult | None = None


def admin_ensure(*, username: str = "admin") -> tuple[str, str] | None:
    """Create the first administrator when there is none; return (user name, password) once."""
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=username, email="", password=password)
    return username, password


def _static_fingerprint() -> str:
    """A digest of every static source file's path, size and modification time."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            full = Path(storage.path(path))
            stat = full.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def static_collect() -> bool:
    """Collect (and compress) static files unless they are already up to date; True if it ran."""
    stamp = Path(settings.STATIC_ROOT) / ".tiendo-fingerprint"
    fingerprint = _static_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    stamp.write_text(fingerprint)
    return True


def instance_setup(*, collect_static: bool = True, with_sample: bool = False) -> SetupResult:
    """Bring a data folder up to date. Safe to run any number of times: it keeps all data.
    With `with_sample`, the sample data of the built-in plan too (`ops.demo_builtin`), once."""
    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
    if collect_static:
        static_collect()
    with transaction.atomic():
        loaded = plan_builtin_ensure() is not None
        # The 2025 reorganisation of the built-in plan's units (assignments follow successors).
        reorganised = reorganisation_builtin_ensure(record_succession=unit_succession_record)
        admin = admin_ensure()
        # A fresh database (no administrator before) also gets the demo accounts.
        accounts = demo_set_ensure() if admin is not None else []
        sample = sample_load() if with_sample else None
    result = SetupResult(
        plan_loaded=loaded, demo_accounts=accounts, notes=reorganised.skipped, sample=sample
    )
    if admin is not None:
        result.admin_username, result.admin_password = admin
    return result
