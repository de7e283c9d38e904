"""Numbers with their units and file sizes, written one way everywhere (the Vietnamese way)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from tiendo.core.numbers import format_amount, format_file_size


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("65", "%", "65%"),
        ("3.5", "%/năm", "3,5%/năm"),
        ("6650", "triệu USD", "6.650 triệu USD"),
        ("6650", "", "6.650"),
        ("4.4", " triệu lượt khách ", "4,4 triệu lượt khách"),
    ],
)
def test_a_number_with_its_unit(value, unit, text):
    assert format_amount(Decimal(value), unit) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 byte"),
        (512, "512 byte"),
        (1017, "1,0 KB"),
        (1536, "1,5 KB"),
        (2_621_440, "2,5 MB"),
        (20 * 1024 * 1024, "20,0 MB"),
        (3 * 1024**3, "3,0 GB"),
    ],
)
def test_file_sizes_in_kilobytes_and_megabytes(size, text):
    assert format_file_size(size) == text


def test_the_template_filters():
    template = Template(
        "{{ rate|vn_amount:'%' }} | {{ money|vn_amount:unit }} | {{ size|vn_filesize }} | "
        "{{ none|vn_filesize }}"
    )
    text = template.render(
        Context({"rate": Decimal(65), "money": 6650, "unit": "tỷ đồng", "size": 1017, "none": None})
    )
    assert text == "65% | 6.650 tỷ đồng | 1,0 KB | "
