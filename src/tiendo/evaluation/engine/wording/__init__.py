"""The wording of targets and verdicts, in Vietnamese (`vi`, the default) and English (`en`).

Pure functions of plain data: the web layer passes the active language code.

* `explain(reason, lang)`: the sentence explaining a verdict, from its structured `Reason`;
* `evaluation_sentence(evaluation, lang)`: the same for an Evaluation (in Vietnamese exactly
  `evaluation.explanation`);
* `target_meaning(spec, lang)`: what a target asks ("Đến năm 2025 dưới 3%" / "By 2025, below 3%");
* `status_label(status, lang)`, `figure_type_label(figure_type, lang)`: the names of statuses
  and figure types.

A language code is read loosely ("en", "en-us", "EN_GB" are English); any other is Vietnamese.
The Vietnamese helpers of the old `tiendo.evaluation.wording` (amount, span, period, …) are
re-exported here unchanged.
"""

from __future__ import annotations

from .. import reasons as r
from ..result import Evaluation
from ..spec import Status, TargetSpec
from . import en, vi
from .vi import (
    FIGURE_TYPE_LABELS,
    amount,
    comparator_phrase,
    figure_amount,
    format_value,
    period,
    span,
    years_text,
)

__all__ = [
    "FIGURE_TYPE_LABELS",
    "LANGUAGES",
    "amount",
    "comparator_phrase",
    "evaluation_sentence",
    "explain",
    "figure_amount",
    "figure_type_label",
    "format_value",
    "language",
    "period",
    "span",
    "status_label",
    "target_meaning",
    "years_text",
]

LANGUAGES = ("vi", "en")


def language(code: str | None) -> str:
    """ "en" for any English code ("en", "en-us", "en_GB"), else "vi"."""
    if code and code.lower().replace("_", "-").split("-")[0] == "en":
        return "en"
    return "vi"


def explain(reason: r.Reason, lang: str | None = "vi") -> str:
    """The sentence explaining a verdict, in the language given."""
    return en.explain(reason) if language(lang) == "en" else vi.explain(reason)


def evaluation_sentence(evaluation: Evaluation, lang: str | None = "vi") -> str:
    """The explanation of an Evaluation in the language given (Vietnamese: `explanation`)."""
    if language(lang) == "en":
        return en.explain(evaluation.reason)
    return evaluation.explanation


def target_meaning(spec: TargetSpec, lang: str | None = "vi") -> str:
    """What the target asks, in words: "Đến năm 2025 dưới 3%" / "By 2025, below 3%"."""
    return en.target_meaning(spec) if language(lang) == "en" else vi.target_meaning(spec)


def status_label(status: Status | str, lang: str | None = "vi") -> str:
    """ "Đạt" / "Achieved", "Khó đạt" / "At risk", ..."""
    return en.status_label(status) if language(lang) == "en" else vi.status_label(status)


def figure_type_label(figure_type: str, lang: str | None = "vi") -> str:
    """ "số chính thức" / "official figure", "số ước tính" / "estimate", ..."""
    labels = en.FIGURE_TYPE_LABELS if language(lang) == "en" else vi.FIGURE_TYPE_LABELS
    return labels[figure_type]
