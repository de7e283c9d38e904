"""Stage 6, the plan document: the stages run in order and their results assembled.

`parse_plan_text` reads the lines (`lines`), the title block and the signature
(`title_block`), sorts the body into sections (`sections`), decides the target regions
(`regions`), reads each program's targets and tasks (`programs`, through `clauses`, `targets`,
`tables`), the breakthroughs, then the assignments and deadlines (`assignments`), and assembles
the plan document (format `tiendo.plan/1`), with `unparsed`: every non-empty line that became
nothing. It refuses, with a Vietnamese message, a text with no term or period and one with
neither targets nor tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tiendo.core.text import slug

from .assignments import organisation, task_deadlines, unit_kind
from .lines import Para, Placement, Source, read_lines
from .programs import breakthroughs, programs_targets_and_tasks
from .regions import free_regions, is_free
from .sections import Sections, find_sections
from .title_block import (
    PlanYears,
    issuing_body,
    plan_code,
    plan_term,
    plan_title,
    province,
    read_signer,
    read_title_block,
)

FORMAT = "tiendo.plan/1"


@dataclass
class ParseResult:
    """The proposed plan document (with `unparsed`) and notes for the reviewer (Vietnamese).

    `placement` tells, for every non-empty line that is not in `unparsed`, what it became:
    "metadata", "structure" (a heading), "program", "target", "task", "breakthrough",
    "assignment" or "deadline"."""

    document: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    placement: dict[int, str] = field(default_factory=dict)


class PlanNotRecognised(ValueError):
    """The text is not a plan this parser can read; `message_vi` tells the user what to do."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


def parse_plan_text(*, text: str, code: str | None = None) -> ParseResult:
    """Read the text of an action program (or resolution, five-year plan) into a plan document.

    The document follows `plans/schema/plan-document.schema.json`, plus `unparsed`: every
    non-empty line that did not become part of the plan, with its 1-based line number.
    Raises PlanNotRecognised (with a Vietnamese message) when the text holds no plan.
    """
    if not text or not text.strip():
        raise PlanNotRecognised("Văn bản trống: không có nội dung để nhập.")
    source = read_lines(text)
    placement = Placement()
    warnings: list[str] = []
    document = plan_document(source, code=code, placement=placement, warnings=warnings)
    placed = {
        line: what for line, what in sorted(placement.lines.items()) if source.clean[line - 1]
    }
    return ParseResult(document=document, warnings=warnings, placement=placed)


def plan_document(
    source: Source, *, code: str | None, placement: Placement, warnings: list[str]
) -> dict[str, Any]:
    """Run the stages on the lines of one text and assemble the plan document."""
    block, start = read_title_block(source, placement)
    end = read_signer(source, block, placement)
    sections = find_sections(source, start, end, placement, warnings)
    body_text = "\n".join(source.clean)
    title_lines = block.title_lines
    title_text = plan_title(title_lines)
    head_text = (
        " ".join(title_lines)
        + " "
        + " ".join(p.text for p, where in sections.loose if where == "preamble")
    )
    place = province(" ".join(title_lines)) or province(head_text) or province(body_text)
    place_name = place or province(" ".join(title_lines), districts=True)
    term, period_start = plan_term(" ".join(title_lines), head_text, body_text, warnings)
    if term is None:
        raise PlanNotRecognised(
            "Không xác định được nhiệm kỳ hoặc giai đoạn của văn bản (ví dụ “nhiệm kỳ 2020 - 2025”, "
            "“giai đoạn 2021 - 2025” hoặc “đến năm 2025”). Hãy kiểm tra lại tệp hoặc nhập kế hoạch thủ công."
        )
    years = PlanYears(to_year=term[1], period_start=period_start)

    # targets without a program (resolutions, five-year plans) go to a general program
    free = is_free(sections)
    if free:
        free_regions(sections)
        sections.headline = _headline(source, block.title_lines, placement)
    units: dict[str, dict[str, Any]] = {}
    targets, tasks = programs_targets_and_tasks(
        sections, years, free=free, title=title_text, placement=placement, warnings=warnings
    )
    found_breakthroughs = breakthroughs(sections.breakthrough_paras, placement=placement)
    task_deadlines(tasks)
    assignments, deadlines, supersedes = organisation(
        sections.org_items, sections.programs, units, placement=placement
    )

    doc: dict[str, Any] = {"format": FORMAT}
    doc["code"] = plan_code(code, title_lines, place_name, term)
    if block.number:
        doc["number"] = block.number
    doc["title"] = title_text or "Chương trình hành động"
    issuing = issuing_body(block, head_text, place)
    if issuing:
        doc["issuing_body"] = issuing
        key = slug(issuing)
        units.setdefault(key, {"key": key, "name": issuing, "kind": unit_kind(issuing)})
        doc["issuing_unit"] = key
    doc["issue_date"] = block.issue_date
    if block.place:
        doc["place"] = block.place
    if block.signer:
        doc["signer"] = block.signer
    doc["term"] = {"from_year": term[0], "to_year": term[1]}
    doc["status"] = "active"
    doc["supersedes"] = supersedes
    doc["units"] = list(units.values())
    doc["programs"] = [sections.programs[k] for k in sorted(sections.programs)]
    doc["targets"] = targets
    doc["tasks"] = tasks
    doc["breakthroughs"] = found_breakthroughs
    doc["assignments"] = assignments
    doc["deadlines"] = deadlines
    doc["implementing_documents"] = []

    _preamble_metadata(sections, issuing, placement)
    doc["unparsed"] = [
        {"line": i + 1, "text": source.raw[i].strip()}
        for i in range(len(source.clean))
        if source.clean[i] and (i + 1) not in placement
    ]
    if not targets and not tasks:
        raise PlanNotRecognised(
            "Không tìm thấy chỉ tiêu hay nhiệm vụ nào trong văn bản. Tệp có đúng là chương trình hành "
            "động, nghị quyết hoặc kế hoạch có mục tiêu, chỉ tiêu không? Hãy kiểm tra lại tệp."
        )
    if doc["unparsed"]:
        warnings.append(
            f"{len(doc['unparsed'])} dòng chưa hiểu được, cần xem lại (mục “unparsed”)."
        )
    if "number" not in doc:
        warnings.append(
            "Không thấy số, ký hiệu văn bản (ví dụ “Số 23-CTr/TU”): hãy bổ sung khi duyệt."
        )
    return doc


def _headline(source: Source, title_lines: list[str], placement: Placement) -> Para | None:
    """The title lines as one paragraph (a press report's headline states its main target:
    "Chiềng Sinh hướng tới giảm tỷ lệ hộ nghèo xuống dưới 3%")."""
    numbers = [n for n, what in sorted(placement.lines.items()) if what == "metadata"]
    lines = [n for n in numbers if source.clean[n - 1] in title_lines]
    if not lines:
        return None
    starts, text = [], ""
    for n in lines:
        starts.append(len(text) + (1 if text else 0))
        text = f"{text} {source.clean[n - 1]}" if text else source.clean[n - 1]
    return Para(lines, starts, text)


def _preamble_metadata(sections: Sections, issuing: str | None, placement: Placement) -> None:
    """Preamble paragraphs that name the issuing body or the term are metadata."""
    for p, where in sections.loose:
        if where == "preamble" and (
            re.search(r"nhiệm kỳ|giai đoạn|ban hành|Ban Chấp hành", p.text)
            or (issuing and issuing in p.text)
        ):
            placement.mark(p.lines, "metadata")
