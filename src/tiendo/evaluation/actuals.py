"""Reading a CSV of figures for a what-if evaluation (`tiendo evaluate --actuals FILE.csv`).

Pure Python (no Django). The header must have `code,year,value`; `qualifier`
(`more_than`/`about`), `figure` (`estimate`/`reported`/`official`) and `note` are optional and
other columns are ignored. Any bad row refuses the whole file with a message naming the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from tiendo.core.numbers import NumberFormatError, parse_number

from .engine import Figure

REQUIRED = ("code", "year", "value")
FIGURE_TYPES = ("estimate", "reported", "official")
QUALIFIERS = {"": "exact", "exact": "exact", "more_than": "more_than", "about": "about"}


class ActualsError(ValueError):
    """The file is refused whole; the message names the line."""


@dataclass(frozen=True)
class TargetInfo:
    kind: str


def actuals_parse(
    *,
    text: str,
    targets: Mapping[str, TargetInfo],
    first_year: int,
    last_year: int,
) -> dict[str, list[Figure]]:
    """Figures by target code. `first_year`..`last_year` are the years a figure may have
    (the plan's term plus the baseline year before it)."""
    if not text.strip():
        raise ActualsError(
            "Tệp trống: cần dòng tiêu đề “code,year,value” và ít nhất một dòng số liệu."
        )
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ActualsError(
            f"Dòng 1: tiêu đề phải có các cột code,year,value (thiếu: {', '.join(missing)}); "
            f"tiêu đề đang là “{','.join(header)}”."
        )
    reader.fieldnames = header
    figures: dict[str, list[Figure]] = {}
    seen: dict[tuple[str, int, str], int] = {}
    rows = 0
    for row in reader:
        line = reader.line_num
        rows += 1
        code = (row.get("code") or "").strip()
        if code not in targets:
            raise ActualsError(f"Dòng {line}: không có chỉ tiêu mã “{code}” trong chương trình.")
        try:
            year = int((row.get("year") or "").strip())
        except ValueError:
            raise ActualsError(
                f"Dòng {line}: năm “{row.get('year')}” không phải là số nguyên."
            ) from None
        if not first_year <= year <= last_year:
            raise ActualsError(
                f"Dòng {line}: năm {year} nằm ngoài nhiệm kỳ ({first_year}–{last_year}, kể cả năm gốc)."
            )
        raw_value = (row.get("value") or "").strip()
        if targets[code].kind == "qualitative":
            raise ActualsError(
                f"Dòng {line}: chỉ tiêu {code} là chỉ tiêu định tính, không nhận số liệu (“{raw_value}”)."
            )
        try:
            value = parse_number(raw_value)
        except NumberFormatError:
            raise ActualsError(f"Dòng {line}: giá trị “{raw_value}” không phải là số.") from None
        if targets[code].kind == "milestone" and not 0 <= value <= 1:
            raise ActualsError(
                f"Dòng {line}: chỉ tiêu {code} là mốc hoàn thành: ghi 1 khi hoàn thành "
                f"(hoặc tỷ lệ từ 0 đến 1), không phải “{raw_value}”."
            )
        figure_type = (row.get("figure") or "official").strip() or "official"
        if figure_type not in FIGURE_TYPES:
            raise ActualsError(
                f"Dòng {line}: loại số liệu “{figure_type}” không hợp lệ (estimate, reported hoặc official)."
            )
        qualifier_text = (row.get("qualifier") or "").strip()
        if qualifier_text not in QUALIFIERS:
            raise ActualsError(
                f"Dòng {line}: mức chính xác “{qualifier_text}” không hợp lệ (để trống, more_than hoặc about)."
            )
        key = (code, year, figure_type)
        if key in seen:
            raise ActualsError(
                f"Dòng {line}: chỉ tiêu {code} năm {year} đã có số liệu loại “{figure_type}” ở dòng {seen[key]}."
            )
        seen[key] = line
        figures.setdefault(code, []).append(
            Figure(
                year=year,
                value=value,
                figure_type=figure_type,
                qualifier=QUALIFIERS[qualifier_text],
                order=line,
                note=(row.get("note") or "").strip(),
            )
        )
    if rows == 0:
        raise ActualsError("Tệp không có dòng số liệu nào sau dòng tiêu đề.")
    return figures
