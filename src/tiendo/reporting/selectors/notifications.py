"""Reads of in-app notifications, and the signed-in user with their profile and unread count."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from tiendo.accounts.user_rows import UserColumns, user_columns
from tiendo.core.prepared import row_fetch_prepared

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
    (`unread_notifications`, for the navigation): one query, of plain SQL written once per
    process and prepared on PostgreSQL (`tiendo.accounts.user_rows`: the ORM's compiler cost
    more than the query). DoesNotExist when there is no such user."""
    sql, columns = _user_sql()
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        raise get_user_model().DoesNotExist(user_id) from None
    row = row_fetch_prepared(sql, [pk])
    if row is None:
        raise get_user_model().DoesNotExist(user_id)
    user = columns.user_from_row(row)
    user.unread_notifications = row[columns.width]
    return user


@functools.cache
def _user_sql() -> tuple[str, UserColumns]:
    columns = user_columns(user_alias="u", profile_alias="p")
    notifications = Notification._meta.db_table
    sql = f"""
        SELECT {columns.sql},
          (SELECT COUNT(*) FROM {notifications} n WHERE n.user_id = u.id AND n.read_at IS NULL)
        FROM {columns.tables}
        WHERE u.id = %s
    """
    return sql, columns
