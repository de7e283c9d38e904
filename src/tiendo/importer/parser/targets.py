"""Stage 3c, targets: the targets of one paragraph of a target region, clause by clause.

Every quantity of a clause is a target (`Cand`): its kind and comparator from the cues around it
(`cues`), inherited from the clause's earlier quantities when it has none of its own ("đạt
khoảng 6.650 …, trong đó xuất khẩu 3.890 …" is approx twice), else ge, or le where less is
better; its name from `indicators`; its years from the clause ("Đến năm 2030", "giai đoạn 2021 -
2025") or the plan. A clause without a number that starts "Hoàn thành …" is a milestone (split
by object: "Khu A, Khu B và các khu khác" gives three) and one that starts "Duy trì …" holds a
level; other clauses are kept as residue for a qualitative target (`programs`).

An intro line that ends with a colon ("- Đến năm 2025:", "- Hằng năm:") carries its year and
yearliness to the sub-bullets ("+", "•", "a)") under it. In a document without target sections a
clause without a number that sets a deadline for a recognised status ("đạt chuẩn nông thôn mới
trước năm 2025", `cues.STATUS_RE`) is a milestone; the same status stated twice (a sub-heading
restating the body) is one.

Every target says why: `Cand.reasons` (which words decided its kind, its comparator, why its
sentence was read) and `Cand.doubts` (what was left to a default, or could be read otherwise), in
Vietnamese; `Cand.confidence` is "high" without doubts, "medium" with a small one, "low" with
more.

Over 600 lines: one stage of the parser (a clause's quantities into targets); its rules read
the same clause state, each tested by name in tests/importer/parser/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .clauses import (
    ANNUAL_START_RE,
    CONTEXT_PREFIX_RE,
    Clause,
    paragraph_clauses,
    period,
    quantity_spans,
)
from .cues import (
    COMPARATOR_NAMES,
    KIND_NAMES,
    MAINTAIN_RE,
    MILESTONE_RE,
    STATUS_RE,
    comparator_after,
    comparator_before_why,
    is_less_better,
    is_sector,
    is_term_flow,
    kind_cue_why,
    term_total_why,
)
from .indicators import criteria_names, indicator_name, refine_indicator
from .lines import SUB_MARKERS, Para
from .quantities import FRACTION_RE, Quantity, find_quantities
from .regions import FreeReading
from .spans import capitalise, split_top
from .title_block import PlanYears, yearly_plan

#: Kinds measured over a period: they get a from_year.
PERIOD_KINDS = {"annual", "annual_reduction", "avg_growth", "increase", "maintain", "qualitative"}

_MULTIPLIER_WORDS_RE = re.compile(r"\bcả\s+\d+\s+(?:tiêu chí|chỉ tiêu|mặt)\b", re.IGNORECASE)
_HELD_RE = re.compile(
    r"\b(?:(?:duy trì|giữ vững)(?:\s+ổn định)?|ổn định)(?:\s+(?:ở mức|mức|đạt))?\s*$",
    re.IGNORECASE,
)
#: "GDP tăng khoảng 6%", "giảm 1 - 1,5 điểm phần trăm", "Mức giảm sinh 0,5%": in a plan of one
#: year, the rate of change of that year.
_CHANGE_RE = re.compile(r"\b(?:tăng|giảm)(?:\s+(?:khoảng|từ|trên|hơn|ít nhất|đạt))?\s*$", re.I)
_DEADLINE_RE = re.compile(r"\b(?:trước|đến|tới|vào|trong)\s+(?:cuối\s+)?năm\s+(\d{4})\b", re.I)
_POPULATION_RE = re.compile(r"^\s*(?:quy mô\s+)?dân số\b", re.IGNORECASE)


@dataclass
class Cand:
    """A target found in the text, before it gets its code. `reasons`: what decided it;
    `doubts`: (what is unsure, weight 1 or 2), both in Vietnamese."""

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
    reasons: list[str] = field(default_factory=list, compare=False)
    doubts: list[tuple[str, int]] = field(default_factory=list, compare=False)

    @property
    def confidence(self) -> str:
        """ "high" without doubts, "medium" with one small doubt, "low" otherwise."""
        weight = sum(w for _, w in self.doubts)
        return "high" if weight == 0 else "medium" if weight == 1 else "low"

    @property
    def reason(self) -> str:
        """Why, and what is unsure, in one Vietnamese sentence for the reviewer."""
        text = "; ".join(self.reasons)
        if self.doubts:
            text += (". " if text else "") + "Chưa chắc: " + "; ".join(d for d, _ in self.doubts)
        return (text[:1].upper() + text[1:] + ".") if text else ""

    def doubt(self, text: str, weight: int = 1) -> None:
        if all(text != d for d, _ in self.doubts):
            self.doubts.append((text, weight))


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

    def __init__(self, years: PlanYears, *, free: bool = False, fallback: bool = False) -> None:
        self.years = years
        self.free = free  # a document without target sections: read by tense and period
        self.reading = FreeReading(years, fallback=fallback) if free else None
        self.carry_year: int | None = None
        self.carry_annual = False
        self.statuses: dict[str, Cand] = {}  # milestones of a free document, by status
        self.fractions: list[tuple[str, int]] = []  # "giảm 2/3 số hộ nghèo": told, not read
        self.previous_head = ""  # the indicator of the last clause with a number, in a paragraph

    def paragraph(self, p: Para, *, allow_loose: bool, headline: bool = False) -> ParagraphTargets:
        """Targets of one paragraph. `allow_loose`: milestones and maintain clauses without a
        number count even when the paragraph has no quantity (target sections). `headline`:
        the title of a press report, read like a sentence of its body."""
        out = ParagraphTargets()
        self.previous_head = ""
        if p.marker not in (*SUB_MARKERS, "letter"):
            self.carry_year, self.carry_annual = None, False
        year = self.carry_year
        any_quantity = bool(find_quantities(p.text[p.body_at :]))
        for clause in paragraph_clauses(
            p,
            year=self.carry_year,
            annual=self.carry_annual,
            period_start=self.years.period_start,
            reading=self.reading,
        ):
            year = clause.year
            segment = clause.text
            in_year = yearly_plan(clause.context + " " + segment)
            if year is None and in_year is not None and in_year <= self.years.to_year:
                year = in_year  # "… trong kế hoạch năm 2021; trong đó: GDP tăng khoảng 6%"
            for fraction in FRACTION_RE.finditer(segment):
                self.fractions.append((fraction.group(0), p.line_at(clause.start)))
            quantities = find_quantities(segment)
            to_year = year or self.years.to_year
            if quantities:
                # "Tỉnh đạt chuẩn nông thôn mới, ít nhất 1 huyện đạt chuẩn …": a status without
                # a number beside the numbers
                for start, end in split_top(segment, 0, len(segment), (", ", " và ")):
                    piece = segment[start:end]
                    if not find_quantities(piece) and STATUS_RE.search(piece):
                        body = CONTEXT_PREFIX_RE.sub("", piece).strip(" .;:,")
                        out.cands.extend(
                            self._statuses(
                                p,
                                clause.start + start,
                                body,
                                to_year,
                                clause.reason,
                                headline,
                                context=segment,
                            )
                        )
                found = self._clause(p, clause, quantities, to_year)
                for cand in found:
                    self._read_because(cand, clause.reason, headline)
                out.cands.extend(found)
                continue
            body = CONTEXT_PREFIX_RE.sub("", segment).strip(" .;:,")
            if not body:
                continue
            status = STATUS_RE.search(body)
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
            elif status is not None:
                out.cands.extend(
                    self._statuses(p, clause.start, body, to_year, clause.reason, headline)
                )
            elif len(body.split()) >= 3:
                out.residues.append((body, p.line_at(clause.start)))
        if not out.cands and p.text.rstrip().endswith(":"):
            # an intro ("- Đến năm 2025:") sets the year for the sub-bullets that follow
            self.carry_year = year
            self.carry_annual = bool(ANNUAL_START_RE.match(p.body + ","))
        out.year = year
        return out

    def _read_because(self, cand: Cand, reason: str, headline: bool) -> None:
        """Why a free document's sentence was read, and the doubts that come with it."""
        if not self.free:
            return
        if reason:
            cand.reasons.insert(0, f"đọc vì {reason}")
        if reason.startswith("tiếp theo"):
            cand.doubt("câu không tự nói là chỉ tiêu, chỉ nối tiếp câu đề ra chỉ tiêu")
        if self.reading is not None and self.reading.fallback:
            cand.doubt("văn bản không có câu nào nói rõ là đề ra chỉ tiêu", 2)
        if headline:
            cand.doubt("lấy từ tít bài báo; kiểm tra thân bài có nhắc lại không")

    def _statuses(
        self,
        p: Para,
        offset: int,
        body: str,
        to_year: int,
        reason: str,
        headline: bool,
        *,
        context: str = "",
    ) -> list[Cand]:
        """Milestones of a free document: each part of the clause that sets a recognised status
        ("đạt chuẩn nông thôn mới nâng cao trước năm 2025, trở thành đô thị loại V trước năm
        2030"), with a deadline or as an item of a list; a status already read is read once,
        from the statement with a deadline."""
        out: list[Cand] = []
        line = p.line_at(offset)
        for start, end in split_top(body, 0, len(body), (", ", "; ")):
            piece = body[start:end].strip(" .…")
            status = STATUS_RE.search(piece)
            if status is None:
                continue
            deadline = next(
                (
                    found
                    for text in (piece, body, context)
                    if (found := _DEADLINE_RE.search(text)) is not None
                ),
                None,
            )
            if deadline is None and not p.marker:
                continue
            due = int(deadline.group(1)) if deadline else to_year
            key = (status["status"] or status["unit"]).lower()
            subject = piece[: status.start()].strip()
            whole = re.fullmatch(
                r"(?:tỉnh|thành phố|huyện|thị xã|xã|phường|thị trấn)", subject, re.I
            )
            name = piece[status.start() :] if whole is None else piece
            name = re.sub(r"\s*\b(?:trước|đến|tới|vào)\s+(?:cuối\s+)?năm\s+\d{4}\b.*$", "", name)
            cand = candidate(
                years=self.years,
                kind="milestone",
                comparator=None,
                quantity=None,
                unit="",
                to_year=due,
                indicator=capitalise(name),
                source=piece,
                line=line,
                period=None,
            )
            cand.reasons.append(f"mốc: “{status.group(0).strip()}”")
            if deadline:
                cand.reasons.append(f"hạn “{deadline.group(0)}”")
            else:
                cand.doubt("không nêu năm: lấy năm cuối nhiệm kỳ")
            self._read_because(cand, reason, headline)
            held = self.statuses.get(key)
            if held is not None:
                if deadline and not any(r.startswith("hạn") for r in held.reasons):
                    held.to_year, held.source_text, held.line = due, piece, line
                    held.reasons = cand.reasons
                    held.doubts = cand.doubts
                continue
            self.statuses[key] = cand
            out.append(cand)
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
        out = [
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
        for cand in out:
            start = MILESTONE_RE.match(body)
            cand.reasons.append(
                f"mốc: “{start.group(0) if start else body.split()[0]} …”, không có số"
            )
        return out

    def _clause(
        self, p: Para, clause: Clause, quantities: list[Quantity], to_year: int
    ) -> list[Cand]:
        """The targets of one clause with quantities: one per quantity (per criterion with "cả
        3 tiêu chí")."""
        segment = clause.text
        prefix = CONTEXT_PREFIX_RE.match(segment)
        body_start = prefix.end() if prefix else 0
        spans = quantity_spans(segment, quantities)
        maintain = bool(MAINTAIN_RE.match(segment[body_start:].strip()))
        clause_period = period(segment)
        results: list[Cand] = []
        inherit_cmp: tuple[str, str] | None = None  # the last comparator a cue set, and its words
        inherit_kind: tuple[str, bool, str] | None = None  # the last kind a cue set: percent, words
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
            # the number right after "giảm" (not "giảm còn", "giảm xuống"): an amount of reduction
            reduced_by = bool(re.search(r"\bgiảm\s*$", tail, re.IGNORECASE)) and not q.zero
            reasons: list[str] = []
            doubts: list[tuple[str, int]] = []
            own, why = kind_cue_why(
                lead=lead_for_kind,
                tail=tail,
                unit=q.unit,
                after=after,
                percent=percent,
                annual_context=clause.annual,
            )
            kind = own
            if kind is not None:
                reasons.append(f"loại “{KIND_NAMES[kind]}” theo “{why}”")
            own_words = (lead_full if i else segment[body_start : q.start]).strip()
            if kind in (None, "level") and i and MAINTAIN_RE.match(own_words):
                # "…, duy trì tỷ trọng khu vực dịch vụ trên 60%": a level to hold of its own
                kind = "maintain"
                reasons[:] = ["loại “duy trì” theo “duy trì/giữ vững”"]
            elif kind is None and i and _HELD_RE.search(tail):
                kind = "maintain"
                reasons.append("loại “duy trì” theo “ổn định”")
            # "…, đến năm 2025 tỷ lệ hộ nghèo còn dưới 3%": a number with its own deadline is the
            # level of that year, not another of the rates before it
            if (
                kind is None
                and inherit_kind is not None
                and inherit_kind[1] == percent
                and not (i and _OWN_DEADLINE_RE.search(lead_full))
            ):
                kind = inherit_kind[0]
                reasons.append(f"loại “{KIND_NAMES[kind]}” theo “{inherit_kind[2]}” ở số trước")
            if kind is None and not percent and is_term_flow(lead_for_kind, q.unit):
                total = term_total_why(clause.context + " " + lead_for_kind)
                if total:
                    kind = "increase"
                    reasons.append(f"loại “{KIND_NAMES[kind]}”: tổng cả giai đoạn (“{total}”)")
                else:
                    doubts.append(("có thể là tổng cả nhiệm kỳ chứ không phải mức năm cuối", 1))
            if kind is None:
                held = maintain or _HELD_RE.search(tail)
                kind = "maintain" if held else "level"
                reasons.append(
                    "loại “duy trì” theo “duy trì/giữ vững”"
                    if held
                    else "loại “mức đạt được” (không có từ chỉ loại khác)"
                )
            one_year = self.years.to_year == self.years.period_start or (
                yearly_plan(clause.context + " " + segment) is not None
            )
            if (
                kind == "level"
                and percent
                and one_year
                and (_CHANGE_RE.search(tail) or re.match(r"mức (?:giảm|tăng)\b", own_words, re.I))
                and not re.search(r"\bso(?: với)? năm\b", tail + " " + after)
            ):
                kind = "avg_growth"
                reasons[-1:] = [
                    "loại “tăng bình quân”: kế hoạch một năm, “tăng/giảm …%” là mức "
                    "thay đổi của năm"
                ]
            zero_every_year = q.zero and bool(
                re.match(r"không (?:để|phát sinh)", segment[q.start : q.end], re.IGNORECASE)
            )
            if q.zero:
                kind = "annual" if zero_every_year else "level"
                reasons[-1:] = [
                    "“không để xảy ra/phát sinh”: bằng 0 mỗi năm"
                    if zero_every_year
                    else f"“{segment[q.start : q.end]}”: bằng 0"
                ]
            elif own is not None:
                inherit_kind = (own, percent, why)
            comparator: str | None
            sector = is_sector(lead_full if i else segment[body_start : q.start])
            if q.value_high is not None:
                comparator = "range"
                reasons.append("khoảng “từ … đến …”")
            elif q.zero:
                comparator = "eq"
            else:
                before, before_words = comparator_before_why(lead_full if i else segment[: q.start])
                post = comparator_after(after)
                if before == "eq" and before_words == "chiếm" and not (clause.share or sector):
                    before = "ge!"  # a share where more is better: "kinh tế số chiếm 30% GRDP"
                if before == "ge!" and before_words == ":" and is_less_better(own_words):
                    before, before_words = "le", "dấu hai chấm, chỉ tiêu càng thấp càng tốt"
                if (
                    before == "le"
                    and before_words.endswith("còn")
                    and percent
                    and (clause.share or sector)
                ):
                    before, before_words = "eq", f"cơ cấu kinh tế, “{before_words}”"
                words = "dấu hai chấm" if before_words == ":" else before_words
                comparator = before if before not in (None, "ge!") else (post or before)
                if comparator == post and post is not None and before in (None, "ge!"):
                    words = "trở lên" if post == "ge!" else "trở xuống"
                if comparator is not None:
                    inherit_cmp = (comparator, words)
                    reasons.append(
                        f"so sánh “{COMPARATOR_NAMES[comparator.rstrip('!')]}” theo “{words}”"
                    )
                elif inherit_cmp is not None:
                    comparator = inherit_cmp[0]
                    reasons.append(
                        f"so sánh “{COMPARATOR_NAMES[comparator.rstrip('!')]}” theo "
                        f"“{inherit_cmp[1]}” ở số trước"
                    )
                else:
                    indicator_text = lead_for_kind + " " + after
                    if (clause.share or sector) and percent and kind in ("level", "maintain"):
                        # a sector's growth rate ("thương mại, dịch vụ tăng 12%") is no share
                        comparator = "eq"
                        reasons.append("so sánh “=”: tỷ trọng trong cơ cấu kinh tế")
                    elif not percent and _POPULATION_RE.match(own_words):
                        comparator = "eq"
                        reasons.append("so sánh “=”: quy mô dân số là con số dự báo")
                    elif (
                        kind in ("level", "annual", "maintain")
                        and not reduced_by
                        and is_less_better(indicator_text)
                    ):
                        comparator = "le"
                        reasons.append(
                            "so sánh “≤”: không có từ so sánh, chỉ tiêu càng thấp càng tốt"
                        )
                        doubts.append(("không có từ so sánh (coi là “không quá”)", 1))
                    else:
                        comparator = "ge"
                        reasons.append("so sánh “≥” (mặc định)")
                        doubts.append(("không có từ so sánh (coi là “ít nhất”)", 1))
            final = comparator.rstrip("!")
            indicator = indicator_name(
                lead_full if i else segment[body_start : q.start], q.unit, after, percent
            )
            if reduced_by:
                # "Giảm 40 hộ nghèo": the number is the reduction, not the level
                what = indicator[:1].lower() + indicator[1:] if indicator else q.unit
                what = re.sub(r"^(?:số|tỷ lệ)\s+", "", what, flags=re.IGNORECASE)
                indicator = f"Mức giảm {what}" if percent else f"Số {what} giảm được"
            if i == 0 and not indicator and self.previous_head:
                # "…; đến năm 2030 còn dưới 1%": the subject of the clause before
                indicator = re.sub(
                    r"\s+(?:giảm|tăng)(?:\s+bình quân)?(?:\s+(?:hằng|hàng|mỗi)\s+năm)?$",
                    "",
                    self.previous_head,
                )
                reasons.append("tên theo vế câu trước")
            if i == 0:
                head = indicator
            else:
                gap = segment[quantities[i - 1].unit_end : q.start]
                sub_item = sub_item or bool(re.search(r"\btrong đó\b", gap, re.IGNORECASE))
                indicator = refine_indicator(indicator, head, lead_full, sub_item)
            if not indicator or len(indicator.split()) <= 1 or indicator in ("Số", "Tỷ lệ"):
                doubts.append(("tên chỉ tiêu đọc được quá ngắn", 1))
            if not q.unit:
                doubts.append(("không rõ đơn vị tính", 1))
            if q.word:
                reasons.append(f"số viết bằng chữ “{segment[q.start : q.end]}”")
            src_start = lead_start if i else body_start
            source = segment[src_start:suffix_end].strip(" ,;.")
            line = p.line_at(clause.start + q.start)
            names = criteria_names(indicator, q.multiplier) if q.multiplier > 1 else [indicator]
            # "đạt 40% vào năm 2025 và 50% vào năm 2030": a year right after the number, or in
            # the words between it and the number before, is this number's
            deadline = _YEAR_AFTER_RE.match(after) or (
                _OWN_DEADLINE_RE.search(lead_full) if i else None
            )
            own_year = int(deadline.group(1)) if deadline else None
            target_year = (
                own_year
                if own_year is not None and own_year >= self.years.period_start
                else to_year
            )
            for name in names:
                cand = candidate(
                    years=self.years,
                    kind=kind,
                    comparator=final,
                    quantity=q,
                    unit=q.unit,
                    to_year=target_year,
                    indicator=name,
                    source=source,
                    line=line,
                    period=clause_period,
                )
                cand.reasons.extend(reasons)
                for text, weight in doubts:
                    cand.doubt(text, weight)
                results.append(cand)
        if head:
            self.previous_head = head
        return results


#: A deadline named after a number: "50% vào năm 2030", "6 triệu lượt (đến năm 2030)".
_YEAR_AFTER_RE = re.compile(
    r"^\s*\(?\s*(?:vào|đến|tới|trong)\s+(?:cuối\s+)?năm\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
#: A deadline in the words before a number: "…, đến năm 2025 tỷ lệ hộ nghèo còn dưới 3%".
_OWN_DEADLINE_RE = re.compile(
    r"\b(?:đến|tới|vào)\s+(?:cuối\s+)?(?:năm\s+)?((?:19|20)\d\d)\b(?![-–/]|\s*%)", re.IGNORECASE
)


def _object_start(text: str) -> bool:
    word = text.strip().split(" ")[0] if text.strip() else ""
    return bool(word) and (word[:1].isupper() or word.lower() in ("các", "những", "một"))
