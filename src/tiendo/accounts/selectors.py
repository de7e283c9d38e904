"""Reads of accounts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .permissions import require_accounts_admin


def users_list(*, actor: Any) -> QuerySet[Any]:
    require_accounts_admin(actor)
    return (
        get_user_model().objects.select_related("profile__unit").order_by("-is_active", "username")
    )


def user_get(*, actor: Any, user_id: int) -> Any:
    require_accounts_admin(actor)
    return get_user_model().objects.select_related("profile").get(pk=user_id)
