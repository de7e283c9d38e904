"""What the reporting services share: the acting user, the clock, the optimistic version
check's error, and the JSON form of a value in the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.core.numbers import format_number

from ..models import Submission

Actor = AbstractBaseUser | AnonymousUser | None


class StaleVersion(Exception):
    """Someone else changed the submission since it was read. `current` is its state now."""

    def __init__(self, current: Submission) -> None:
        self.current = current
        self.message = _(
            "Báo cáo này vừa được người khác thay đổi (hiện ở trạng thái “%(state)s”). "
            "Thay đổi của bạn chưa được lưu; trang hiển thị nội dung mới nhất."
        ) % {"state": current.get_state_display()}
        super().__init__(self.message)


def _user(actor: Actor) -> Any:
    """The acting user for a foreign key, or None for the system (cron, set-up scripts)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _now() -> dt.datetime:
    return timezone.now()


def _j(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
