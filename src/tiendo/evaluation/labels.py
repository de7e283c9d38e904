"""The statuses' names in the interface language (the engine's own labels are Vietnamese)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STATUS_TEXT: dict[str, Promise] = {
    "exceeded": _("Vượt"),
    "achieved": _("Đạt"),
    "on_track": _("Có khả năng đạt"),
    "at_risk": _("Khó đạt"),
    "not_achieved": _("Không đạt"),
    "no_data": _("Chưa có số liệu"),
    "needs_assessment": _("Cần đánh giá"),
}


def status_text(status: object) -> Promise | str:
    return STATUS_TEXT.get(str(status), str(status))
