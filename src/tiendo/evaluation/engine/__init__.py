"""The evaluation engine: judge each target of an action program against the reported figures.

Pure Python: no Django, no clock (the as-of year is passed in), all arithmetic in `Decimal`,
nothing of tiendo but `tiendo.core.numbers`. The rules are written out for the monitoring office
in `docs/evaluation-rules.md`; in short:

* For each year the figure that counts is the latest official one, else the latest reported one,
  else the latest estimate ("latest" = highest `order`). Figures after the as-of year are ignored.
* A figure qualified "hơn X" stands for the interval (X, ∞), "khoảng X" for X ± 5 %. The verdict is
  worked out over the whole interval; where it differs across it, the verdict at X is given and
  the evaluation is flagged `uncertain`.
* At or after the last year of the target the verdict is final (exceeded / achieved /
  not_achieved / no_data); before it, the latest figure is compared with the straight path from
  the baseline to the target (on_track / at_risk) and a projection to the last year is given
  (also after it, when the last year has no figure).
* A figure for a target's whole period ("bình quân 2021–2025 tăng 6,14%/năm") decides an
  avg_growth or increase target, in preference to what the yearly figures give.
* Every verdict carries a structured Reason; `explanation` is its Vietnamese sentence, and
  `wording` words it in English too.

Exactness: comparisons never divide (the straight path is compared after multiplying both sides
by the number of years; a mean after multiplying the target by the number of years). The yearly
reduction percentage is a division, done with 50 significant digits: exact whenever the true
percentage is a finite decimal, which is the only case where it can equal a threshold.

The stages, in the order a newcomer would read them:

* `spec`: what goes in — TargetSpec, Figure (of a year or of a period), Assessment, statuses,
  and the checks each makes when built;
* `figures`: which figure counts for each year, which one for a target's whole period, and the
  interval a figure stands for (`intervals`: exact bounds such as "just above X";
  `arithmetic`: rounding and exact division);
* `compare`: what a target asks, as a rule; grades, verdicts, the straight-path test;
* `rules/`: one module per kind family — `level`, `yearly` (annual, maintain,
  annual_reduction), `growth` (avg_growth), `increase`, `milestone`, `qualitative`, and
  `period` (a figure for the whole period); `rules.common` holds the case, the baselines, the
  straight path and the no-data outcome, `rules.phrases` builds the parts of a reason;
* `projection`: the trend to the last year;
* `reasons`: why — the verdict and the parts of its explanation, as plain data;
* `wording/`: the words — `vi` and `en` (target meaning, status labels, the sentence of a
  reason); `explain(reason, lang)`, `evaluation_sentence(evaluation, lang)`;
* `evaluate`: the entry points `evaluate_target`, `evaluate_many`, `summarize`;
* `result`: what comes out — Evaluation (with its Reason), Projection.

Callers outside the engine import from this package (`from tiendo.evaluation.engine import
evaluate_target, TargetSpec, …`); the modules are its inside.
"""

from __future__ import annotations

from .evaluate import evaluate_many, evaluate_target, summarize
from .figures import select_figures
from .reasons import Reason, reason_data
from .result import Evaluation, Projection
from .spec import (
    ABOUT_PCT,
    COMPARATORS,
    DEFAULT_TOLERANCE_PCT,
    FIGURE_TYPES,
    KINDS,
    QUALIFIERS,
    STATUS_LABELS,
    Assessment,
    Figure,
    Status,
    TargetSpec,
)
from .wording import (
    LANGUAGES,
    evaluation_sentence,
    explain,
    figure_type_label,
    format_value,
    status_label,
    target_meaning,
)

__all__ = [
    "ABOUT_PCT",
    "COMPARATORS",
    "DEFAULT_TOLERANCE_PCT",
    "FIGURE_TYPES",
    "KINDS",
    "LANGUAGES",
    "QUALIFIERS",
    "STATUS_LABELS",
    "Assessment",
    "Evaluation",
    "Figure",
    "Projection",
    "Reason",
    "Status",
    "TargetSpec",
    "evaluate_many",
    "evaluate_target",
    "evaluation_sentence",
    "explain",
    "figure_type_label",
    "format_value",
    "reason_data",
    "select_figures",
    "status_label",
    "summarize",
    "target_meaning",
]
