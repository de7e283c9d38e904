"""Reads of in-app notifications, and the signed-in user with their profile and unread count."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ..models import Notification


def notifications_for_user(*, actor: Any) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=actor)
        .select_related("submission__round", "submission__unit")
        .order_by("-created_at", "-id")
    )


def notification_get(*, actor: Any, notification_id: int) -> Notification:
    """Only the recipient can read a notification; others get DoesNotExist (404)."""
    return Notification.objects.get(pk=notification_id, user=actor)


def notifications_unread_count(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).count()


def user_with_unread_get(*, user_id: Any) -> Any:
    """The signed-in user, read once per request with their profile (role and unit: what
    every permission check reads) and the number of their unread notifications
    (`unread_notifications`, for the navigation): one query. DoesNotExist when there is no
    such user."""
    unread = (
        Notification.objects.filter(user_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        ._default_manager.select_related("profile")
        .annotate(unread_notifications=Coalesce(Subquery(unread), 0))
        .get(pk=user_id)
    )
