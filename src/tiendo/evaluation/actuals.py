"""Reading a CSV of figures for a what-if evaluation (`tiendo evaluate --actuals FILE.csv`).

Pure Python (no Django). The header must have `code,year,value`; `qualifier`
(`more_than`/`about`), `figure` (`estimate`/`reported`/`official`), `note` and `from_year` are
optional and other columns are ignored. A row with `from_year` is a figure for the period
from_year … year ("2.1,2025,6.14" with from_year 2021: the 2021–2025 mean growth); it is for an
avg_growth or increase target and its own period. Any bad row refuses the whole file with a
message naming the line.
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
    from_year: int | None = None
    to_year: int | None = None


PERIOD_KINDS = ("avg_growth", "increase")


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
    seen: dict[tuple[str, int | None, int, str], int] = {}
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
        from_year = _period_start(line, code, year, row.get("from_year"), targets[code])
        key = (code, from_year, year, figure_type)
        if key in seen:
            when = f"năm {year}" if from_year is None else f"giai đoạn {from_year}–{year}"
            raise ActualsError(
                f"Dòng {line}: chỉ tiêu {code} {when} đã có số liệu loại “{figure_type}” ở dòng {seen[key]}."
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
                from_year=from_year,
            )
        )
    if rows == 0:
        raise ActualsError("Tệp không có dòng số liệu nào sau dòng tiêu đề.")
    return figures


def _period_start(
    line: int, code: str, year: int, raw: str | None, target: TargetInfo
) -> int | None:
    """The first year of a figure for a period (the `from_year` column), or None for a
    figure of one year; only the target's own period of an avg_growth or increase target."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        from_year = int(text)
    except ValueError:
        raise ActualsError(
            f"Dòng {line}: năm bắt đầu giai đoạn “{text}” không phải là số nguyên."
        ) from None
    if from_year == year:
        return None
    if target.kind not in PERIOD_KINDS:
        raise ActualsError(
            f"Dòng {line}: số liệu cả giai đoạn {from_year}–{year} chỉ dùng cho chỉ tiêu tăng "
            f"bình quân hoặc tăng thêm; chỉ tiêu {code} cần số liệu từng năm."
        )
    if (target.from_year, target.to_year) not in ((None, None), (from_year, year)):
        raise ActualsError(
            f"Dòng {line}: giai đoạn {from_year}–{year} không khớp giai đoạn "
            f"{target.from_year}–{target.to_year} của chỉ tiêu {code}."
        )
    if from_year > year:
        raise ActualsError(f"Dòng {line}: năm bắt đầu {from_year} sau năm {year}.")
    return from_year
