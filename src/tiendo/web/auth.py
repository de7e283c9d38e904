"""Signing in: the accounts' backend (user names in any case or Unicode form,
tiendo.accounts.backends), reading the user of each request together with the count of their
unread notifications, so that “Thông báo” shows it without a query of its own."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from tiendo.accounts.backends import NormalisedModelBackend
from tiendo.reporting.selectors import user_with_unread_get


class UnreadCountBackend(NormalisedModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            user = user_with_unread_get(user_id=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
