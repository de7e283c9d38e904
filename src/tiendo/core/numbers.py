"""Vietnamese number formats, in pure Python (no Django).

Vietnamese writes thousands with dots and decimals with a comma: 6.650 is six thousand six
hundred and fifty, 3,5 is three and a half. Users also type plain numbers (6650, 3.5). These
functions turn text into `Decimal` and back, exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "NumberFormatError",
    "format_amount",
    "format_file_size",
    "format_number",
    "format_percent",
    "parse_number",
    "plain_decimal",
]


class NumberFormatError(ValueError):
    """The text is not a number in Vietnamese or plain format."""


_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")


def parse_number(text: str) -> Decimal:
    """Read a number written the Vietnamese or the plain way.

    "6.650" and "6650" are 6650; "3,5" and "3.5" are 3.5; "51.990,563" is 51990.563;
    "1,234,567" (English grouping) is 1234567. A single dot followed by exactly three digits
    is a thousands separator (Vietnamese); any other single dot is a decimal point.
    Raises NumberFormatError for anything else.
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if not raw:
        raise NumberFormatError("empty")
    sign = ""
    if raw[0] in "+-\u2212":
        sign = "-" if raw[0] in "-\u2212" else ""
        raw = raw[1:]
    if not raw or (not raw[0].isdigit() and raw[0] not in ".,"):
        raise NumberFormatError(text)
    integer, fraction = raw, ""
    if "," in raw and "." in raw:
        last = max(raw.rfind(","), raw.rfind("."))
        decimal_sep = raw[last]
        group_sep = "." if decimal_sep == "," else ","
        integer, fraction = raw[:last], raw[last + 1 :]
        if decimal_sep in integer or not (
            _PLAIN.match(integer) or re.match(rf"^\d{{1,3}}(\{group_sep}\d{{3}})+$", integer)
        ):
            raise NumberFormatError(text)
        integer = integer.replace(group_sep, "")
    elif "," in raw:
        if raw.count(",") > 1:
            if not _GROUPED_COMMAS.match(raw):
                raise NumberFormatError(text)
            integer = raw.replace(",", "")
        else:
            integer, fraction = raw.split(",")
    elif "." in raw:
        if raw.count(".") > 1 or _GROUPED_DOTS.match(raw):
            if not _GROUPED_DOTS.match(raw):
                raise NumberFormatError(text)
            integer = raw.replace(".", "")
        else:
            integer, fraction = raw.split(".")
    if integer == "":
        integer = "0"
    if not _PLAIN.match(integer) or (fraction and not _PLAIN.match(fraction)):
        raise NumberFormatError(text)
    if fraction == "" and raw.endswith((",", ".")):
        raise NumberFormatError(text)
    try:
        value = Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regexes above
        raise NumberFormatError(text) from exc
    return value


def format_number(value: Decimal | int, places: int | None = None) -> str:
    """Write a number the Vietnamese way: 6650 -> "6.650", 3.5 -> "3,5".

    With `places`, round half up to that many decimals and keep them ("3,50"); without it,
    show the number as exact as it is, trailing zeros dropped.
    """
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
        text = f"{abs(number):f}"
    else:
        text = f"{abs(number).normalize():f}" if number != 0 else "0"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    integer, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    result = ".".join(groups)
    if fraction:
        result += "," + fraction
    if number < 0 and result.strip("0,.") != "":
        result = "-" + result
    return result


def format_percent(value: Decimal | int, places: int | None = None) -> str:
    """A percentage the Vietnamese way: 3.5 -> "3,5%"."""
    return f"{format_number(value, places)}%"


def format_amount(value: Decimal | int, unit: str = "", places: int | None = None) -> str:
    """A number with its unit, written one way everywhere: "6.650 triệu USD", and a percentage
    unit glued to the number as Vietnamese writes it: "65%", "3,5%/năm" (never "65 %")."""
    number = format_number(value, places)
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def format_file_size(size: int) -> str:
    """A file size the Vietnamese way: 512 -> "512 byte", 1017 -> "1,0 KB", 2621440 -> "2,5 MB"
    (1 KB = 1.024 byte; one decimal from a kilobyte on)."""
    if size < 1000:
        return f"{format_number(max(size, 0))} byte"
    value = Decimal(size)
    for unit in _SIZE_UNITS:
        value /= 1024
        if value < 1000 or unit == _SIZE_UNITS[-1]:
            return f"{format_number(value, 1)} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def plain_decimal(value: Decimal | None) -> str | None:
    """A Decimal as plain machine text without exponent or trailing zeros (6650.000000 -> "6650",
    2.320 -> "2.32"): how numbers travel in the API and open data, never the Vietnamese way."""
    if value is None:
        return None
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
