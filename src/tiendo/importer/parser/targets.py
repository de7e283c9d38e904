"""Stage 3c, targets: the targets of one paragraph of a target region, clause by clause.

Every quantity of a clause is a target (`Cand`): its kind and comparator from the cues around it
(`cues`), inherited from the clause's earlier quantities when it has none of its own ("đạt
khoảng 6.650 …, trong đó xuất khẩu 3.890 …" is approx twice), else ge, or le where less is
better; its name from `indicators`; its years from the clause ("Đến năm 2030", "giai đoạn 2021 -
2025") or the plan. A clause without a number that starts "Hoàn thành …" is a milestone (split
by object: "Khu A, Khu B và các khu khác" gives three) and one that starts "Duy trì …" holds a
level; other clauses are kept as residue for a qualitative target (`programs`).

An intro line that ends with a colon ("- Đến năm 2025:", "- Hằng năm:") carries its year and
yearliness to the sub-bullets ("+", "•", "a)") under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .clauses import ANNUAL_START_RE, CONTEXT_PREFIX_RE, paragraph_clauses, period, quantity_spans
from .cues import (
    MAINTAIN_RE,
    MILESTONE_RE,
    comparator_after,
    comparator_before,
    is_less_better,
    kind_cue,
)
from .indicators import criteria_names, indicator_name, refine_indicator
from .lines import SUB_MARKERS, Para
from .quantities import Quantity, find_quantities
from .spans import capitalise, split_top
from .title_block import PlanYears

#: Kinds measured over a period: they get a from_year.
PERIOD_KINDS = {"annual", "annual_reduction", "avg_growth", "increase", "maintain", "qualitative"}

_MULTIPLIER_WORDS_RE = re.compile(r"\bcả\s+\d+\s+(?:tiêu chí|chỉ tiêu|mặt)\b", re.IGNORECASE)
_HELD_RE = re.compile(
    r"\b(?:duy trì|giữ vững)(?:\s+ổn định)?(?:\s+(?:ở mức|mức|đạt))?\s*$", re.IGNORECASE
)


@dataclass
class Cand:
    """A target found in the text, before it gets its code."""

    kind: str
    comparator: str | None
    value: Decimal | None
    value_high: Decimal | None
    unit: str
    from_year: int | None
    to_year: int
    indicator: str
    source_text: str
    line: int


def candidate(
    *,
    years: PlanYears,
    kind: str,
    comparator: str | None,
    quantity: Quantity | None,
    unit: str,
    to_year: int,
    indicator: str,
    source: str,
    line: int,
    period: tuple[int, int] | None,
) -> Cand:
    """A target of the given kind: period kinds start with the plan's period (or the clause's
    own "giai đoạn"), a yearly rate gets "/năm" on its unit; without a quantity it has no
    comparator, value or unit."""
    q = quantity
    from_year: int | None = None
    if kind in PERIOD_KINDS:
        from_year = years.period_start
        if period is not None:
            from_year, to_year = period
        from_year = min(from_year, to_year)
    if kind == "avg_growth" and unit == "%":
        unit = "%/năm"
    if kind == "annual_reduction" and unit == "%":
        unit = "%/năm"
    if kind == "annual" and unit and not unit.startswith("%") and "/" not in unit:
        unit += "/năm"
    return Cand(
        kind=kind,
        comparator=comparator if q is not None else None,
        value=q.value if q is not None else None,
        value_high=q.value_high if q is not None else None,
        unit=unit if q is not None else "",
        from_year=from_year,
        to_year=to_year,
        indicator=indicator or capitalise(source)[:200] or "Chỉ tiêu",
        source_text=source,
        line=line,
    )


@dataclass
class ParagraphTargets:
    """What one paragraph gave: targets, and the clauses with no number (residues) with their
    lines; `year` is the year in force at its end."""

    cands: list[Cand] = field(default_factory=list)
    residues: list[tuple[str, int]] = field(default_factory=list)
    milestone_like: bool = False
    year: int | None = None


class TargetReader:
    """Reads the targets of the paragraphs of one target region (or of a free document)."""

    def __init__(self, years: PlanYears, *, free: bool = False) -> None:
        self.years = years
        self.free = free  # a document without target sections: skip what reports the past
        self.carry_year: int | None = None
        self.carry_annual = False

    def paragraph(self, p: Para, *, allow_loose: bool) -> ParagraphTargets:
        """Targets of one paragraph. `allow_loose`: milestones and maintain clauses without a
        number count even when the paragraph has no quantity (target sections)."""
        out = ParagraphTargets()
        if p.marker not in (*SUB_MARKERS, "letter"):
            self.carry_year, self.carry_annual = None, False
        year = self.carry_year
        any_quantity = bool(find_quantities(p.text[p.body_at :]))
        for clause in paragraph_clauses(
            p,
            year=self.carry_year,
            annual=self.carry_annual,
            period_start=self.years.period_start,
            skip_past=self.free,
        ):
            year = clause.year
            segment = clause.text
            quantities = find_quantities(segment)
            to_year = year or self.years.to_year
            if quantities:
                out.cands.extend(
                    self._clause(
                        p, clause.start, segment, quantities, to_year, clause.annual, clause.share
                    )
                )
                continue
            body = CONTEXT_PREFIX_RE.sub("", segment).strip(" .;:,")
            if not body:
                continue
            if MILESTONE_RE.match(body) and (allow_loose or any_quantity):
                out.cands.extend(self._milestones(p, clause.start, body, to_year))
                out.milestone_like = True
            elif MAINTAIN_RE.match(body) and (allow_loose or any_quantity):
                out.cands.append(
                    candidate(
                        years=self.years,
                        kind="maintain",
                        comparator=None,
                        quantity=None,
                        unit="",
                        to_year=to_year,
                        indicator=capitalise(body),
                        source=body,
                        line=p.line_at(clause.start),
                        period=period(segment),
                    )
                )
            elif len(body.split()) >= 3:
                out.residues.append((body, p.line_at(clause.start)))
        if not out.cands and p.text.rstrip().endswith(":"):
            # an intro ("- Đến năm 2025:") sets the year for the sub-bullets that follow
            self.carry_year = year
            self.carry_annual = bool(ANNUAL_START_RE.match(p.body + ","))
        out.year = year
        return out

    def _milestones(self, p: Para, offset: int, body: str, to_year: int) -> list[Cand]:
        parts = split_top(body, 0, len(body), (", ", " và "))
        line = p.line_at(offset)
        pieces = [body[s:e].strip() for s, e in parts]
        names = [body]
        sources = [body]
        if len(pieces) > 1 and all(_object_start(x) for x in pieces[1:]):
            words = pieces[0].split()
            cut = next((i for i in range(1, len(words)) if _object_start(words[i])), None)
            if cut is not None:
                verb = " ".join(words[:cut])
                names = [x if i == 0 else f"{verb} {x}" for i, x in enumerate(pieces)]
                sources = pieces
        return [
            candidate(
                years=self.years,
                kind="milestone",
                comparator=None,
                quantity=None,
                unit="",
                to_year=to_year,
                indicator=capitalise(name),
                source=source,
                line=line,
                period=None,
            )
            for name, source in zip(names, sources, strict=True)
        ]

    def _clause(
        self,
        p: Para,
        offset: int,
        segment: str,
        quantities: list[Quantity],
        to_year: int,
        annual: bool,
        share: bool,
    ) -> list[Cand]:
        """The targets of one clause with quantities: one per quantity (per criterion with "cả
        3 tiêu chí")."""
        prefix = CONTEXT_PREFIX_RE.match(segment)
        body_start = prefix.end() if prefix else 0
        spans = quantity_spans(segment, quantities)
        maintain = bool(MAINTAIN_RE.match(segment[body_start:].strip()))
        clause_period = period(segment)
        results: list[Cand] = []
        inherit_cmp: str | None = None  # the last comparator a cue set in this clause
        inherit_kind: tuple[str, bool] | None = None  # the last kind a cue set, with percent-ness
        head = ""  # the indicator of the clause's first quantity
        sub_item = False  # after "trong đó" the quantities are parts of the first
        for i, q in enumerate(quantities):
            lead_start, suffix_end = spans[i]
            lead_full = segment[lead_start : q.start]
            if q.multiplier_start >= 0:
                lead_full = (
                    segment[lead_start : q.multiplier_start]
                    + " "
                    + segment[q.multiplier_start : q.start]
                )
            lead_for_kind = segment[: q.start] if i == 0 else lead_full
            tail = " ".join(_MULTIPLIER_WORDS_RE.sub(" ", lead_full).split()[-9:])
            after = segment[q.unit_end : suffix_end]
            percent = q.percent
            own = kind_cue(
                lead=lead_for_kind,
                tail=tail,
                unit=q.unit,
                after=after,
                percent=percent,
                annual_context=annual,
            )
            kind = own
            if kind is None and inherit_kind is not None and inherit_kind[1] == percent:
                kind = inherit_kind[0]
            if kind is None:
                held = maintain or _HELD_RE.search(tail)
                kind = "maintain" if held else "level"
            if q.zero:
                kind = "level"
            elif own is not None:
                inherit_kind = (own, percent)
            comparator: str | None
            if q.value_high is not None:
                comparator = "range"
            elif q.zero:
                comparator = "eq"
            else:
                before = comparator_before(lead_full if i else segment[: q.start])
                post = comparator_after(after)
                comparator = before if before not in (None, "ge!") else (post or before)
                if comparator is not None:
                    inherit_cmp = comparator
                elif inherit_cmp is not None:
                    comparator = inherit_cmp
                else:
                    indicator_text = lead_for_kind + " " + after
                    if share and percent:
                        comparator = "eq"
                    elif kind in ("level", "annual", "maintain") and is_less_better(indicator_text):
                        comparator = "le"
                    else:
                        comparator = "ge"
            final = comparator.rstrip("!")
            indicator = indicator_name(
                lead_full if i else segment[body_start : q.start], q.unit, after, percent
            )
            if i == 0:
                head = indicator
            else:
                gap = segment[quantities[i - 1].unit_end : q.start]
                sub_item = sub_item or bool(re.search(r"\btrong đó\b", gap, re.IGNORECASE))
                indicator = refine_indicator(indicator, head, lead_full, sub_item)
            src_start = lead_start if i else body_start
            source = segment[src_start:suffix_end].strip(" ,;.")
            line = p.line_at(offset + q.start)
            names = criteria_names(indicator, q.multiplier) if q.multiplier > 1 else [indicator]
            results.extend(
                candidate(
                    years=self.years,
                    kind=kind,
                    comparator=final,
                    quantity=q,
                    unit=q.unit,
                    to_year=to_year,
                    indicator=name,
                    source=source,
                    line=line,
                    period=clause_period,
                )
                for name in names
            )
        return results


def _object_start(text: str) -> bool:
    word = text.strip().split(" ")[0] if text.strip() else ""
    return bool(word) and (word[:1].isupper() or word.lower() in ("các", "những", "một"))
