from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The read-only project material beside the repository (../shared)."""
    assert SHARED.is_dir(), f"{SHARED} is missing: tests check the project against it"
    return SHARED


@pytest.fixture
def builtin_plan(db):  # type: ignore[no-untyped-def]
    from tiendo.plans.services import plan_builtin_ensure

    result = plan_builtin_ensure()
    assert result is not None
    return result.plan


@pytest.fixture
def staff_client(client, django_user_model):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user(username="vanphong", password="mat-khau-dai-1")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache, shared and in the process's memory (a stamp's
    ids and counts may repeat from one test's rolled-back data to the next)."""
    from django.core.cache import cache

    from tiendo.core.memo import memo_clear

    cache.clear()
    memo_clear()
    yield
