"""Stage 3a, target regions: which paragraphs and sentences are read for targets.

In an action program the regions are its target sections ("Mục tiêu cụ thể", "Các chỉ tiêu chủ
yếu"), found by `sections`. A document with neither programs nor a target section (a
resolution written as prose, a press report of a congress, a political report) is "free": every
paragraph outside a section is offered, except the legal grounds ("Căn cứ …", "Xét …"), and
`FreeReading` decides sentence by sentence, by tense and period, which ones set targets:

- a sentence that sets targets says so: "phấn đấu", "mục tiêu", "chỉ tiêu", "đề ra", "đặt ra",
  "hướng tới", "nhiệm kỳ tới", a year ahead ("đến năm 2030", "trước năm 2025"), the plan's own
  period at its start ("Giai đoạn 2026 - 2030, …", "xác định nhiệm kỳ 2025 - 2030 …");
- a sentence that reports the past says so: "đã đạt", "đạt được", "ước đạt", "nhiệm kỳ qua",
  "vừa qua", "kết quả", "hiện có", "được thành lập", "hoàn thành và vượt … các chỉ tiêu", an
  earlier period or year ("giai đoạn 2020 - 2025" in a 2025 - 2030 document, "năm 2019");
- a sentence about the congress itself (its dates, delegates, elections: "Sáng 15-10, …",
  "438 đại biểu", "bầu", "bế mạc") sets nothing;
- a sentence with none of these words carries on what the sentences before it were doing: the
  list after "Đại hội đề ra các chỉ tiêu chủ yếu:" is read, the figures after "Nhiệm kỳ qua, …"
  are not. A sentence with words of both kinds is read part by part (at its semicolons).

Each kept sentence comes with the reason it was kept, for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Para
from .quantities import year_context
from .sections import Sections
from .title_block import PlanYears

#: Words that report results, not targets.
_PAST_RE = re.compile(
    r"\b(?:đã đạt|đạt được|ước đạt|ước thực hiện|ước cả năm|nhiệm kỳ qua|những năm qua|5 năm qua|"
    r"năm năm qua|thời gian qua|giai đoạn qua|vừa qua|nhiệm kỳ trước|giai đoạn trước|"
    r"so với đầu nhiệm kỳ|vượt kế hoạch|vượt chỉ tiêu|kết quả|thành tựu|đến nay|hiện có|"
    r"hiện nay có|được thành lập|thành lập trên cơ sở|điểm lại|ghi nhận)\b",
    re.IGNORECASE,
)
#: "hoàn thành thắng lợi các chỉ tiêu", "hoàn thành và vượt hầu hết mục tiêu đề ra", "các chỉ
#: tiêu … đều đạt kế hoạch": the targets of the past term, reached.
_PAST_GOALS_RE = re.compile(
    r"\b(?:(?:hoàn thành|đạt)(?: thắng lợi| toàn diện| cơ bản)?(?: và vượt)?"
    r"(?: hầu hết| phần lớn| đa số| nhiều)?(?: các)? (?:mục tiêu|chỉ tiêu)"
    r"|vượt(?: hầu hết| nhiều)?(?: các)? (?:mục tiêu|chỉ tiêu)"
    r"|(?:mục tiêu|chỉ tiêu)\b[^.;]{0,80}\bđều đạt)",
    re.IGNORECASE,
)
#: Words that set targets: verbs and phrases of the future ("phấn đấu", "đề ra"), and nouns
#: ("mục tiêu", "chỉ tiêu") that also name the targets of a past term.
_TARGET_RE = re.compile(
    r"\b(?:phấn đấu|đề ra|đặt ra|đưa ra|đặt mục tiêu|hướng tới|hướng đến|kỳ vọng|nhiệm kỳ tới|thời gian tới|"
    r"giai đoạn tới|những năm tới|nhiệm kỳ mới)\b",
    re.IGNORECASE,
)
_TARGET_NOUN_RE = re.compile(r"\b(?:mục tiêu|chỉ tiêu|quyết tâm|nghị quyết)\b", re.IGNORECASE)
#: Weaker words of the future: they set targets unless the sentence is about the congress.
_FUTURE_RE = re.compile(r"\b(?:sẽ|dự kiến|cần đạt)\b", re.IGNORECASE)
#: A year named as a deadline or the end of a period: "đến năm 2030", "trước năm 2025",
#: "vào năm 2024", "đến 2025", "đến cuối năm 2030".
_DEADLINE_RE = re.compile(
    r"\b(?:đến|tới|vào|trước)\s+(?:cuối\s+)?(?:năm\s+)?((?:19|20)\d\d)\b", re.IGNORECASE
)
#: A year named alone ("năm 2019 đạt …"); not a baseline ("so với năm 2020", "gấp 2 lần năm 2020").
_YEAR_RE = re.compile(
    r"(?<!với )(?<!so )(?<!lần )(?<!bằng )\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
_PERIOD_RE = re.compile(r"\b(?:nhiệm kỳ|giai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})\b", re.IGNORECASE)
_OWN_PERIOD_RE = re.compile(
    r"(?:^\W*|\b(?:xác định|trong|về mục tiêu cụ thể,?)\s+)(?:trong\s+)?(?:nhiệm kỳ|giai đoạn)"
    r"\s+(\d{4})\s*[-–]\s*(\d{4})\b",
    re.IGNORECASE,
)
#: The congress itself: its dates, delegates, elections, speeches.
_EVENT_RE = re.compile(
    r"\b(?:bế mạc|khai mạc|diễn ra|tham dự|dự và chỉ đạo|dự đại hội|triệu tập|tái đắc cử|"
    r"được bầu|đã bầu|bầu|trúng cử|đại biểu chính thức|phát biểu|đồng chí|đại diện cho)\b"
    r"|\d[\d.]*\s+đại biểu",
    re.IGNORECASE,
)
_DATE_START_RE = re.compile(
    r"^\W*(?:[\w.]+\s*-\s*)?(?:sáng|chiều|tối|trưa|ngày|hôm nay|hôm qua|"
    r"trong\s+(?:\d+|hai|ba)\s+ngày)\b",
    re.IGNORECASE,
)
_LEGAL_GROUNDS_RE = re.compile(r"(?:Căn cứ|Xét)\b")


def is_free(sections: Sections) -> bool:
    """A document with neither programs nor a target section."""
    return not sections.programs and not sections.region_count


def free_regions(sections: Sections) -> None:
    """Make every loose paragraph of a free document a target paragraph outside programs
    (region 0), but the legal grounds, which stay loose."""
    sections.target_paras.setdefault(None, [])
    kept: list[tuple[Para, str]] = []
    for p, where in sections.loose:
        if p.marker == "" and _LEGAL_GROUNDS_RE.match(p.text):
            kept.append((p, where))
            continue
        sections.target_paras[None].append((0, p))
    sections.loose = kept


def reports_the_past(sentence: str, *, period_start: int) -> bool:
    """ "Nhiệm kỳ 2015 - 2020, GRDP tăng bình quân 7,2%/năm" reports results, sets no target."""
    if _PAST_RE.search(sentence):
        return True
    for match in _PERIOD_RE.finditer(sentence):
        if int(match.group(2)) < period_start:
            return True
    found = year_context(sentence)
    return bool(found and found[0] < period_start and not re.search(r"(?:đến|tới)\s+năm", sentence))


# --- Reading a free document sentence by sentence ---------------------------------------------

TARGET, PAST, EVENT, NONE = "target", "past", "event", "none"


@dataclass(frozen=True)
class Stance:
    """What a sentence (or part of one) does: sets targets, reports the past, tells of the
    congress, or none of these; `cue` is the words that told, `mixed` when words of both
    targets and the past are in it."""

    kind: str
    cue: str = ""
    mixed: bool = False


def _quote(match: re.Match[str] | None) -> str:
    return match.group(0).strip(" ,") if match else ""


def stance(text: str, years: PlanYears) -> Stance:
    """The stance of a sentence or a part of one, by tense and period.

    Words that set targets ("phấn đấu", "đề ra", a deadline ahead, the plan's own period) against
    words of the past ("đạt được", "kết quả", an earlier period or year): with both, the sentence
    is `mixed` (read part by part). The nouns "mục tiêu", "chỉ tiêu", "quyết tâm", "nghị quyết"
    set targets
    only where nothing speaks of the past ("hoàn thành các chỉ tiêu", "với quyết tâm cao, … đã
    đạt được nhiều kết quả" report results)."""
    goals = _PAST_GOALS_RE.search(text)
    if goals:
        return Stance(PAST, _quote(goals))
    past_cue = _quote(_PAST_RE.search(text))
    target_cue = _quote(_TARGET_RE.search(text))
    for match in _DEADLINE_RE.finditer(text):
        if int(match.group(1)) >= years.period_start:
            target_cue = target_cue or _quote(match)
        else:
            past_cue = past_cue or _quote(match)
    own = _OWN_PERIOD_RE.search(text)
    if own and int(own.group(2)) >= years.to_year:
        target_cue = target_cue or _quote(own)
    for match in _PERIOD_RE.finditer(text):
        if int(match.group(2)) < years.period_start:
            past_cue = past_cue or _quote(match)
    for match in _YEAR_RE.finditer(text):
        if int(match.group(1)) < years.period_start:
            past_cue = past_cue or _quote(match)
    noun = _quote(_TARGET_NOUN_RE.search(text))
    if target_cue and past_cue:
        return Stance(TARGET, target_cue, mixed=True)
    if target_cue:
        return Stance(TARGET, target_cue)
    if past_cue:
        return Stance(PAST, past_cue)
    if noun:
        return Stance(TARGET, noun)
    event = _EVENT_RE.search(text) or _DATE_START_RE.search(text)
    if event:
        return Stance(EVENT, _quote(event))
    future = _FUTURE_RE.search(text)
    if future:
        return Stance(TARGET, _quote(future))
    return Stance(NONE)


@dataclass
class FreeReading:
    """The running state of a free document read sentence by sentence: whether the sentences
    before were setting targets (`on`), and why. `fallback`: a document where no sentence says
    it sets targets is read whole, less what reports the past (every target then unsure)."""

    years: PlanYears
    fallback: bool = False
    on: bool = False
    cue: str = ""
    read: list[str] = field(default_factory=list)
    #: the cue of an intro that sets targets and ends with a colon ("Đảng bộ phường đề ra 15 chỉ
    #: tiêu chủ yếu:"): the list items under it are its targets, as sure as under a heading
    intro: str = ""

    def paragraph(self, *, listed: bool) -> None:
        """A new paragraph: one without a list marker ends the list under an intro."""
        if not listed:
            self.intro = ""

    def sentence(self, text: str) -> tuple[bool, str, bool]:
        """(keep, reason, part by part): whether a sentence is read for targets, the reason in
        Vietnamese, and whether its parts must be judged one by one (`part`), in order."""
        if self.fallback:
            if reports_the_past(text, period_start=self.years.period_start):
                return False, "", False
            return True, "văn bản không có câu nào nói rõ là đề ra chỉ tiêu", False
        found = stance(text, self.years)
        if found.kind == TARGET and found.mixed:
            return True, "", True
        if found.kind == TARGET:
            self.on, self.cue = True, found.cue
            if text.rstrip().endswith(":"):
                self.intro = found.cue
            return True, f"câu có “{found.cue}”", False
        if found.kind in (PAST, EVENT):
            self.on, self.intro = False, ""
            return False, "", False
        if self.intro:
            return True, f"mục của danh sách sau câu có “{self.intro}”", False
        if self.on:
            return True, f"tiếp theo câu có “{self.cue}”", False
        return False, "", False

    def part(self, text: str) -> tuple[bool, str]:
        """Whether one part of a sentence with words of both kinds sets targets, and why; a part
        with neither carries on from the part before it."""
        found = stance(text, self.years)
        if found.kind == TARGET:
            self.on, self.cue = True, found.cue
            return True, f"vế câu có “{found.cue}”"
        if found.kind in (PAST, EVENT):
            self.on = False
            return False, ""
        return self.on, (f"tiếp theo vế có “{self.cue}”" if self.on else "")
