"""Dates as the office writes them: day/month/year ("30/06/2025"), whatever the browser's
language. Pages show a text field with that format instead of the browser's date picker (which
follows the browser's locale: "06/30/2025" in an English Chromium); links and the API keep ISO
dates ("2025-06-30"), which are read too."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

# Read in this order: the Vietnamese way first, then ISO (links, the API, old bookmarks).
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
DISPLAY_FORMAT = "%d/%m/%Y"


def date_parse(text: str | None) -> dt.date | None:
    """A day typed as 30/06/2025 (also 30-06-2025, 30.6.2025, 2025-06-30); None when the text
    is empty or not a date."""
    value = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


class DayInput(forms.TextInput):
    """A text field for a day, written dd/mm/yyyy."""

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        base = {
            "placeholder": str(_("ngày/tháng/năm")),
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "12",
        }
        super().__init__(attrs={**base, **(attrs or {})})

    def format_value(self, value: object) -> str | None:
        if isinstance(value, dt.date):
            return value.strftime(DISPLAY_FORMAT)
        return super().format_value(value)


class DayField(forms.DateField):
    """A form field for a day written dd/mm/yyyy, with a message saying how to write it."""

    widget = DayInput
    input_formats = list(DATE_FORMATS)
    default_error_messages = {
        "invalid": _("Hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 30/06/2025."),
    }
