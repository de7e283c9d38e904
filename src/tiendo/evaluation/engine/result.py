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
    language)."""

    code: str
    status: Status
    met: bool | None
    latest_year: int | None
    latest_value: Decimal | None
    latest_figure_type: str | None
    latest_qualifier: str | None
    target_text: str
    progress_pct: Decimal | None
    projection: Projection | None
    years_met: tuple[int, ...] | None
    years_judged: tuple[int, ...] | None
    years_missing: tuple[int, ...] | None
    uncertain: bool
    used_figures: tuple[Figure, ...]
    explanation: str  # the sentence in Vietnamese: wording.explain(reason, "vi")
    reason: Reason  # why, as plain data, for wording in any language
    judged_value: Decimal | None = (
        None  # the quantity compared: figure, mean, increase, reduction %
    )

    @property
    def estimate(self) -> bool:
        """Whether the verdict rests on at least one estimate."""
        return any(f.figure_type == "estimate" for f in self.used_figures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: Decimals as strings, counts of years as plain numbers."""
        return {
            "code": self.code,
            "status": str(self.status),
            "met": self.met,
            "latest_year": self.latest_year,
            "latest_value": _plain(self.latest_value),
            "target": self.target_text,
            "progress_pct": _plain(self.progress_pct),
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
