"""Reads of accounts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Profile, Role
from .permissions import require_accounts_admin


def users_list(*, actor: Any) -> QuerySet[Any]:
    require_accounts_admin(actor)
    return (
        get_user_model().objects.select_related("profile__unit").order_by("-is_active", "username")
    )


def user_get(*, actor: Any, user_id: int) -> Any:
    require_accounts_admin(actor)
    return get_user_model().objects.select_related("profile").get(pk=user_id)


def reporter_unit_ids() -> set[int]:
    """The units with at least one active reporter account (they can report). One query."""
    return set(
        Profile.objects.filter(role=Role.REPORTER, user__is_active=True, unit__isnull=False)
        .values_list("unit_id", flat=True)
        .distinct()
    )
