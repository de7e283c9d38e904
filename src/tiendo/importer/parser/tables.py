"""Stage 3d, tables: targets written as table rows ("STT | Chỉ tiêu | Đơn vị | Mục tiêu 2025").

The readers give a table row as one line with its cells joined by " | ". A header row (a cell
"Chỉ tiêu" or "Nội dung", and a cell "Đơn vị" or a target column "Mục tiêu", "Kế hoạch", a year)
tells which column holds the indicator, the unit and the value (the last target column; its
year, if any, is the target year). Every later row of the region with a number in the value
column is one target; its kind comes from the indicator's words, as in prose.
"""

from __future__ import annotations

import re

from .cues import MAINTAIN_RE, comparator_after, comparator_before, is_less_better, kind_cue
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

    def row(self, p: Para) -> list[Cand] | None:
        """The target of a row ([] for a header row); None when the paragraph is no row this
        table can read (then it is read as prose)."""
        cells = [c.strip() for c in p.text.split(" | ")]
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
        percent = q.percent or unit.startswith("%")
        unit = unit or q.unit
        comparator = (
            "range" if q.value_high is not None else comparator_before(value_text[: q.start])
        )
        comparator = comparator or comparator_after(value_text[q.unit_end :])
        kind = kind_cue(
            lead=indicator,
            tail=indicator,
            unit=unit,
            after="",
            percent=percent,
            annual_context=False,
        )
        kind = kind or ("maintain" if MAINTAIN_RE.match(indicator) else "level")
        if comparator is None:
            comparator = "le" if kind in ("level", "annual") and is_less_better(indicator) else "ge"
        to_year = self.table_year or self.years.to_year
        return [
            candidate(
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
        ]

    def _header(self, cells: list[str], low: list[str]) -> None:
        table: dict[str, int] = {}
        for i, c in enumerate(low):
            if (
                ("chỉ tiêu" in c or "nội dung" in c)
                and "indicator" not in table
                and not re.search(r"\d{4}", c)
            ):
                table["indicator"] = i
            elif "đơn vị" in c:
                table["unit"] = i
        value_cols = [
            i
            for i, c in enumerate(low)
            if re.search(r"mục tiêu|kế hoạch|\b20\d\d\b", c) and i != table.get("indicator")
        ]
        table["value"] = value_cols[-1] if value_cols else len(cells) - 1
        self.table = table
        years = re.findall(r"\b(20\d\d)\b", low[table["value"]])
        self.table_year = int(years[-1]) if years else None
