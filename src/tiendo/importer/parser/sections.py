"""Stage 2d, sections: the body's paragraphs sorted into programs and sections.

The walk keeps where it is: the current program ("Chương trình 2: …") and its heading level, the
section ("targets", "tasks", "breakthroughs", "org", "other", or the "preamble" before any
heading) and, for targets, a region number that changes with every target heading (a table
header or a year carried by "Đến năm 2025:" holds only inside its region). A heading deeper
than the program's stays inside the program; one at its level or above leaves it. Paragraphs
outside any section are `loose` ("preamble" or "other"). The distribution list ("Nơi nhận") is
cut off and noted in the warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .headings import (
    INLINE_LABEL_RE,
    PROGRAM_RE,
    heading_like_program,
    program_number,
)
from .headings import heading as heading_of
from .lines import Para, Placement, Source
from .paragraphs import build_paragraphs
from .spans import capitalise


@dataclass
class Sections:
    """The paragraphs of the body by section; `None` as a program key: outside any program."""

    programs: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: (target region, paragraph) per program
    target_paras: dict[int | None, list[tuple[int, Para]]] = field(default_factory=dict)
    task_paras: dict[int | None, list[Para]] = field(default_factory=dict)
    #: paragraphs of "Tổ chức thực hiện", with the sub-heading they stand under
    org_items: list[tuple[Para, str]] = field(default_factory=list)
    breakthrough_paras: list[Para] = field(default_factory=list)
    #: paragraphs of no section: ("preamble" | "other")
    loose: list[tuple[Para, str]] = field(default_factory=list)
    #: titles of the target headings outside programs ("Các chỉ tiêu chủ yếu")
    region_titles: list[str] = field(default_factory=list)
    #: how many target sections stand outside programs
    region_count: int = 0
    #: the title lines as one paragraph: a press report's headline, read in a free document
    headline: Para | None = None


def find_sections(
    source: Source, start: int, end: int, placement: Placement, warnings: list[str]
) -> Sections:
    """Walk the body (lines start..end, 0-based) and sort its paragraphs into sections."""
    found = Sections()
    lines = source.numbered(start, end)
    # the distribution list ("Nơi nhận:") is kept out of the body
    for k, (number, text) in enumerate(lines):
        if re.match(r"^Nơi nhận\s*:", text):
            recipients = lines[k:]
            placement.mark([x for x, _ in recipients], "metadata")
            warnings.append(
                f"Danh sách “Nơi nhận” ({len(recipients) - 1} dòng, từ dòng {number}) không được lưu."
            )
            lines = lines[:k]
            break
    paras = build_paragraphs(lines)
    program: int | None = None
    program_level = 1
    section = "preamble"
    section_level: int = 0
    region = 0
    org_context = ""
    for p in paras:
        body = p.body
        match = PROGRAM_RE.match(body)
        if match and p.marker in ("", "num", "roman") and heading_like_program(p):
            program = program_number(match["n"])
            program_level = (
                p.number.count(".") + 1 if p.marker == "num" else (0 if p.marker == "roman" else 1)
            )
            title = capitalise(match["title"])
            found.programs.setdefault(
                program, {"number": program, "title": title, "line": p.lines[0]}
            )
            section, section_level = "program", program_level
            placement.mark(p.lines, "program")
            continue
        heading = heading_of(p)
        label = INLINE_LABEL_RE.match(body) if heading is None else None
        if label is not None and section not in ("org", "breakthroughs"):
            # "a) Mục tiêu: Đến năm 2025, …" opens a section and holds its first paragraph
            kind = (
                "targets"
                if re.match(r"(?:mục tiêu|các chỉ tiêu|chỉ tiêu)", label["label"], re.I)
                else "tasks"
            )
            if program is None and section in ("program", "program_other"):
                section = "other"
            section, section_level = kind, (program_level + 1 if program is not None else 1)
            if kind == "targets":
                region += 1
                if program is None:
                    found.region_count += 1
            p.body_at += label.end()
            body = p.body
        if heading is not None:
            h, kind = heading.level, heading.type
            if program is not None:
                inside = (h is not None and h > program_level) or (
                    h is None and kind in ("targets", "tasks", "unknown")
                )
                if inside:
                    if kind in ("targets", "tasks", "other"):
                        section, section_level = (
                            kind,
                            (h if h is not None else program_level + 1),
                        )
                        if kind == "targets":
                            region += 1
                    elif section not in ("targets", "tasks") or (
                        h is not None and h <= section_level
                    ):
                        section = "program_other"
                    placement.mark(p.lines, "structure")
                    continue
                program = None
            if section == "org" and (h is None or h > section_level) and kind != "breakthroughs":
                org_context = heading.text
                placement.mark(p.lines, "structure")
                continue
            if (
                section in ("targets", "tasks", "other", "breakthroughs")
                and kind == "unknown"
                and h is not None
                and h > section_level
            ):
                placement.mark(p.lines, "structure")
                continue
            section = kind if kind != "unknown" else "other"
            section_level = h if h is not None else 0
            if section == "targets":
                region += 1
                found.region_count += 1
                found.region_titles.append(
                    capitalise(re.sub(r"^[\dIVX.\-–)\s]+", "", heading.text))
                )
            placement.mark(p.lines, "structure")
            continue
        if p.marker == "" and "đột phá" in body.lower() and body.rstrip().endswith(":"):
            program = None
            section, section_level = "breakthroughs", 99
            placement.mark(p.lines, "structure")
            continue
        if section == "targets":
            found.target_paras.setdefault(program, []).append((region, p))
            if program is None:
                found.region_count = max(found.region_count, 1)
        elif section == "tasks":
            found.task_paras.setdefault(program, []).append(p)
        elif section == "org":
            found.org_items.append((p, org_context))
        elif section == "breakthroughs" and p.marker:
            found.breakthrough_paras.append(p)
        else:
            if section == "breakthroughs":
                section = "other"
            found.loose.append((p, "preamble" if section == "preamble" else "other"))
    return found
