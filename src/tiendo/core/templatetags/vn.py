"""Template filters for Vietnamese numbers: {{ value|vn_number }}, {{ value|vn_percent }},
{{ value|vn_amount:unit }} ("65%", "6.650 triệu USD"), {{ size|vn_filesize }} ("1,0 KB")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from tiendo.core.numbers import format_amount, format_file_size, format_number, format_percent

register = template.Library()


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def vn_number(value: object, places: int | None = None) -> str:
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return format_number(number, places)


@register.filter
def vn_percent(value: object, places: int | None = None) -> str:
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return format_percent(number, places)


@register.filter
def vn_amount(value: object, unit: object = "") -> str:
    """A number with its unit: {{ 65|vn_amount:"%" }} -> "65%"; {{ 6650|vn_amount:"triệu USD" }}
    -> "6.650 triệu USD"."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return format_amount(number, str(unit or ""))


@register.filter
def vn_filesize(value: object) -> str:
    """A size in bytes for people: "512 byte", "1,0 KB", "2,5 MB"."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return format_file_size(int(number))
