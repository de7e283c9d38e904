"""Days are written and read the Vietnamese way (30/06/2025) whatever the browser's language;
ISO dates (links, the API) are read too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tiendo.core.dates import DayField, date_parse

JUNE_30 = dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "text", ["30/06/2025", "30/6/2025", " 30-06-2025 ", "30.06.2025", "2025-06-30"]
)
def test_a_day_is_read_as_the_office_writes_it(text: str) -> None:
    assert date_parse(text) == JUNE_30


@pytest.mark.parametrize("text", ["", None, "06/30/2025", "31/02/2025", "hôm qua", "2025"])
def test_what_is_not_a_day_reads_as_none(text: str | None) -> None:
    assert date_parse(text) is None


def test_the_form_field_shows_day_month_year_and_explains_a_wrong_date() -> None:
    field = DayField(label="Ngày")
    html = field.widget.render("d", JUNE_30)
    assert 'value="30/06/2025"' in html and 'type="text"' in html and "ngày/tháng/năm" in html
    assert field.clean("30/06/2025") == JUNE_30
    with pytest.raises(ValidationError) as refused:
        field.clean("06/30/2025")
    assert "ngày/tháng/năm, ví dụ 30/06/2025" in str(refused.value)
