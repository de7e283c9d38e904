"""Stage 3d, tables: targets written as table rows ("STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025").

The readers give a table row as one line with its cells joined by " | ". A header row (a cell
"Chỉ tiêu" or "Nội dung", and a cell "Đơn vị" or a target column "Mục tiêu", "Kế hoạch", a year)
tells which column holds the indicator, the unit and the value (the last target column; its
year, if any, is the target year). Every later row of the region with a number in the value
column is one target; its kind comes from the indicator's words, as in prose.
"""

from __future__ import annotations

import re

from .cues import (
    COMPARATOR_NAMES,
    KIND_NAMES,
    MAINTAIN_RE,
    comparator_after,
    comparator_before_why,
    is_less_better,
    kind_cue_why,
)
from .indicators import indicator_name
from .lines import Para
from .quantities import find_quantities
from .targets import Cand, candidate
from .title_block import PlanYears


class TableReader:
    """Reads the table rows of one target region; the header row sets the columns."""

    def __init__(self, years: PlanYears) -> None:
        self.years = years
        self.table: dict[str, int] | None = None
        self.table_year: int | None = None
        self.header: list[str] = []

    def row(self, p: Para) -> list[Cand] | None:
        """The target of a row ([] for a header row); None when the paragraph is no row this
        table can read (then it is read as prose)."""
        # an empty cell ("a |  | b", collapsed to "a | | b") keeps its column
        cells = [c.strip() for c in re.split(r"(?:^|\s)\|(?=\s|$)", p.text)]
        if len(cells) < 2:
            return None
        low = [c.lower() for c in cells]
        if any("chỉ tiêu" in c or "nội dung" in c for c in low) and (
            any("đơn vị" in c for c in low)
            or any(re.search(r"mục tiêu|kế hoạch|\b20\d\d\b", c) for c in low)
        ):
            self._header(cells, low)
            return []
        if self.table is None or len(cells) <= max(self.table.values()):
            return None
        indicator = cells[self.table["indicator"]]
        unit = cells[self.table["unit"]] if "unit" in self.table else ""
        value_text = cells[self.table["value"]]
        quantities = find_quantities(value_text, allow_bare=True)
        if not quantities or not indicator:
            return None
        q = quantities[0]
        if self.table["value"] == self.table["indicator"]:
            # "Chỉ tiêu 2025" holds the indicator and its target: "Tỷ lệ che phủ rừng 65"
            q = quantities[-1]
            indicator = value_text[: q.start].strip(" :,-–")
            if not indicator:
                return None
        percent = q.percent or unit.startswith("%")
        unit = unit or q.unit
        if self.table["value"] == self.table["indicator"]:
            indicator = indicator_name(indicator, unit, "", percent) or indicator
        reasons = [f"hàng của bảng, cột “{self.header[self.table['value']]}”"]
        doubts: list[str] = []
        if q.value_high is not None:
            comparator: str | None = "range"
            reasons.append("khoảng “từ … đến …”")
        else:
            comparator, words = comparator_before_why(value_text[: q.start])
            comparator = comparator or comparator_after(value_text[q.unit_end :])
            if comparator is not None:
                words = words or "trở lên/trở xuống"
                reasons.append(
                    f"so sánh “{COMPARATOR_NAMES[comparator.rstrip('!')]}” theo “{words}”"
                )
        kind, why = kind_cue_why(
            lead=indicator,
            tail=indicator,
            unit=unit,
            after="",
            percent=percent,
            annual_context=False,
        )
        if kind is None:
            kind = "maintain" if MAINTAIN_RE.match(indicator) else "level"
            why = "duy trì" if kind == "maintain" else ""
        reasons.insert(
            1,
            f"loại “{KIND_NAMES[kind]}” theo “{why}”"
            if why
            else f"loại “{KIND_NAMES[kind]}” (không có từ chỉ loại khác)",
        )
        if comparator is None:
            less = kind in ("level", "annual") and is_less_better(indicator)
            comparator = "le" if less else "ge"
            reasons.append(f"so sánh “{COMPARATOR_NAMES[comparator]}” (mặc định)")
            doubts.append(f"không có từ so sánh (coi là “{'không quá' if less else 'ít nhất'}”)")
        to_year = self.table_year or self.years.to_year
        cand = candidate(
            years=self.years,
            kind=kind,
            comparator=comparator.rstrip("!"),
            quantity=q,
            unit=unit,
            to_year=to_year,
            indicator=indicator,
            source=p.text,
            line=p.lines[0],
            period=None,
        )
        cand.reasons.extend(reasons)
        for doubt in doubts:
            cand.doubt(doubt)
        return [cand]

    def _header(self, cells: list[str], low: list[str]) -> None:
        """The columns of a header row. The indicator is the "Chỉ tiêu" (or "Nội dung") column
        without a year, else the one with a year ("STT | Chỉ tiêu 2025 | Đơn vị": the indicators
        and their 2025 targets in one column); the value is the last target column ("Mục tiêu",
        "Kế hoạch", a year) other than the indicator and the unit, else the indicator column
        itself."""
        table: dict[str, int] = {}
        self.header = cells
        named = [i for i, c in enumerate(low) if "chỉ tiêu" in c or "nội dung" in c]
        plain = [i for i in named if not re.search(r"\d{4}", low[i])]
        table["indicator"] = (plain or named)[0]
        for i, c in enumerate(low):
            if "đơn vị" in c and i != table["indicator"]:
                table["unit"] = i
                break
        value_cols = [
            i
            for i, c in enumerate(low)
            if re.search(r"mục tiêu|kế hoạch|\b20\d\d\b", c)
            and i not in (table["indicator"], table.get("unit"))
        ]
        if value_cols:
            table["value"] = value_cols[-1]
        elif re.search(r"\b20\d\d\b", low[table["indicator"]]):
            table["value"] = table["indicator"]
        else:
            last = len(cells) - 1
            table["value"] = last if last not in (table["indicator"], table.get("unit")) else -1
        if table["value"] < 0:
            self.table = None  # no column holds the values: the rows are read as prose
            return
        self.table = table
        years = re.findall(r"\b(20\d\d)\b", low[table["value"]])
        self.table_year = int(years[-1]) if years else None
