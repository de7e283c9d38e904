"""Template filters for Vietnamese numbers: {{ value|vn_number }}, {{ value|vn_percent }}."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from tiendo.core.numbers import format_number, format_percent

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
