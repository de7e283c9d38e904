"""What the engine returns: an `Evaluation` per target (and its `Projection`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .reasons import Reason
from .spec import Figure, Status

__all__ = ["Evaluation", "Projection"]


@dataclass(frozen=True)
class Projection:
    """Where the figure is heading in the target's last year."""

    year: int
    value: Decimal
    method: str  # "linear_trend" | "straight_path"


@dataclass(frozen=True)
class Evaluation:
    """The verdict on one target, with the figures it rests on, the reason (structured) and
    one sentence explaining it in Vietnamese (`wording.evaluation_sentence` gives it in another
    language).

    Years and progress — what each number refers to:

    * `judged_year`: the year the verdict is about: the as-of year, or the target's last year
      once that has come (`min(as_of_year, to_year)`).
    * `latest_year`, `latest_value`, `latest_figure_type`, `latest_qualifier`: the latest
      figure the evaluation rests on (or, without a verdict, the latest there is);
      `latest_from_year` is set when that figure describes a period (from_year … latest_year).
    * `latest_progress_pct`: progress toward the target measured on that latest figure (on the
      mean, the increase, the share of years met, … so far: docs/evaluation-rules.md §8),
      whatever its year.
    * `progress_pct`: the same, but only when it is about the judged year: there is a figure
      for that year (or the verdict does not depend on later years: a completed milestone) and
      a verdict (not no_data / needs_assessment); else None. A page shows "Tiến độ" from this
      and "Số liệu gần nhất (2023): …, đạt 80% mục tiêu" from the latest_* fields.
    * `projection`: where the figure is heading in the target's last year (before it, and
      after it when the last year has no figure).
    """

    code: str
    status: Status
    met: bool | None
    judged_year: int
    latest_year: int | None
    latest_value: Decimal | None
    latest_figure_type: str | None
    latest_qualifier: str | None
    target_text: str
    progress_pct: Decimal | None
    latest_progress_pct: Decimal | None
    projection: Projection | None
    years_met: tuple[int, ...] | None
    years_judged: tuple[int, ...] | None
    years_missing: tuple[int, ...] | None
    uncertain: bool
    used_figures: tuple[Figure, ...]
    explanation: str  # the sentence in Vietnamese: wording.explain(reason, "vi")
    reason: Reason  # why, as plain data, for wording in any language
    judged_value: Decimal | None = None  # the quantity compared: figure, mean, increase, %
    latest_from_year: int | None = None  # the first year of a period figure

    @property
    def estimate(self) -> bool:
        """Whether the verdict rests on at least one estimate."""
        return any(f.figure_type == "estimate" for f in self.used_figures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: Decimals as strings, counts of years as plain numbers (the keys are
        those of `tiendo evaluate --json` and the API)."""
        return {
            "code": self.code,
            "status": str(self.status),
            "met": self.met,
            "judged_year": self.judged_year,
            "latest_year": self.latest_year,
            "latest_from_year": self.latest_from_year,
            "latest_value": _plain(self.latest_value),
            "target": self.target_text,
            "progress_pct": _plain(self.progress_pct),
            "latest_progress_pct": _plain(self.latest_progress_pct),
            "projection": None
            if self.projection is None
            else {
                "year": self.projection.year,
                "value": _plain(self.projection.value),
                "method": self.projection.method,
            },
            "years_met": None if self.years_met is None else len(self.years_met),
            "years_judged": None if self.years_judged is None else len(self.years_judged),
            "explanation": self.explanation,
            "uncertain": self.uncertain,
            "estimate": self.estimate,
        }


def _plain(value: Decimal | None) -> str | None:
    """A Decimal as a plain string without exponent and trailing zeros: 6650.000000 -> "6650"."""
    if value is None:
        return None
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
