"""Setting up a data folder: migrations, static files, the built-in plan, the first administrator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from tiendo.accounts.demo import DemoAccount, demo_set_ensure
from tiendo.plans.services import plan_builtin_ensure


@dataclass
class SetupResult:
    plan_loaded: bool
    admin_username: str | None = None
    admin_password: str | None = None
    notes: list[str] = field(default_factory=list)
    demo_accounts: list[DemoAccount] = field(default_factory=list)


def admin_ensure(*, username: str = "admin") -> tuple[str, str] | None:
    """Create the first administrator when there is none; return (user name, password) once."""
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=username, email="", password=password)
    return username, password


def instance_setup(*, collect_static: bool = True) -> SetupResult:
    """Bring a data folder up to date. Safe to run any number of times: it keeps all data."""
    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
    if collect_static:
        call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    with transaction.atomic():
        loaded = plan_builtin_ensure() is not None
        admin = admin_ensure()
        # A fresh database (no administrator before) also gets the demo accounts.
        demo = demo_set_ensure() if admin is not None else []
    result = SetupResult(plan_loaded=loaded, demo_accounts=demo)
    if admin is not None:
        result.admin_username, result.admin_password = admin
    return result
