"""Stage 4, programs: each program's targets and tasks, numbered; the breakthroughs.

Targets and tasks outside any program (a resolution's "Các chỉ tiêu chủ yếu", or any document
without programs) go to a general program after the last one, titled from the target heading
or the document's title. Per program: the targets of its regions (tables and prose, `targets`
and `tables`), then its qualitative targets — a bullet of "Mục tiêu cụ thể" without a number,
and the goals written beside numbers in a region, gathered into one — in line order after the
measured ones. Codes: `<program>.<n>` for targets, `NV<program>.<n>` for tasks; a "+" sub-item
of a task is part of it. Breakthroughs keep their own numbers. Due dates of tasks are read with
the other deadlines (`assignments`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from tiendo.core.text import normalize_space

from .lines import SUB_MARKERS, Para, Placement, is_caps
from .regions import EVENT, PAST, stance
from .sections import Sections
from .spans import capitalise, sentences
from .tables import TableReader
from .targets import Cand, TargetReader, candidate
from .title_block import PlanYears, sentence_case


def programs_targets_and_tasks(
    sections: Sections,
    years: PlanYears,
    *,
    free: bool,
    title: str,
    placement: Placement,
    warnings: list[str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The targets and tasks of every program, as plan-document entries. Adds the general
    program to `sections.programs` when something stands outside the programs."""
    targets: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    programs = sections.programs
    general: int | None = None
    if None in sections.target_paras or None in sections.task_paras:
        if programs:
            general = max(programs) + 1
            warnings.append(
                f"Có chỉ tiêu hoặc nhiệm vụ ngoài các chương trình: đưa vào chương trình {general}."
            )
        else:
            general = 1
        titles = sorted(sections.region_titles, key=lambda t: "chỉ tiêu" not in t.lower())
        name = titles[0] if titles else ""
        if is_caps(name):
            name = sentence_case(name, True)
        if not name and free:
            name = title
        programs[general] = {"number": general, "title": name or "Các chỉ tiêu chủ yếu"}
    for program in sorted(programs):
        key: int | None = None if program == general else program
        paras = sections.target_paras.get(key, [])
        cands, qualitative = program_targets(
            paras,
            years,
            allow_loose=not free,
            qualitative=key is not None,
            placement=placement,
            headline=sections.headline if key is None and free else None,
            warnings=warnings,
        )
        if free and key is None and not cands:
            # no sentence says it sets targets: read every sentence but those about the past
            cands, qualitative = program_targets(
                paras,
                years,
                allow_loose=False,
                qualitative=False,
                placement=placement,
                fallback=True,
                warnings=warnings,
            )
            if cands:
                warnings.append(
                    "Văn bản không có câu nào nói rõ là đề ra chỉ tiêu (“phấn đấu”, “mục tiêu”, "
                    "“đến năm …”): đã đọc mọi câu trừ các câu nói về kết quả đã qua; hãy kiểm tra "
                    "kỹ từng chỉ tiêu."
                )
        for n, cand in enumerate(cands + qualitative, start=1):
            targets.append(target_entry(cand, program, n))
        found = program_tasks(sections.task_paras.get(key, []), placement=placement)
        for n, (text, line) in enumerate(found, start=1):
            tasks.append(
                {"code": f"NV{program}.{n}", "program": program, "text": text, "line": line}
            )
    return targets, tasks


def program_targets(
    paras: list[tuple[int, Para]],
    years: PlanYears,
    *,
    allow_loose: bool,
    qualitative: bool,
    placement: Placement,
    headline: Para | None = None,
    fallback: bool = False,
    warnings: list[str] | None = None,
) -> tuple[list[Cand], list[Cand]]:
    """The measured targets and the qualitative ones of one program's target paragraphs
    (region, paragraph). `qualitative`: a program's own section, where goals without numbers
    are targets too (not in the general program). `headline`: the title of a free document,
    read first like a sentence (a press report's title often states its main target);
    `fallback`: read a free document whole, less the past (`regions.FreeReading`)."""
    cands: list[Cand] = []
    quals: list[Cand] = []
    residues: dict[int, list[tuple[str, int]]] = {}
    readers: list[TargetReader] = []

    def new_reader() -> TargetReader:
        readers.append(TargetReader(years, free=not allow_loose, fallback=fallback))
        return readers[-1]

    reader = new_reader()
    tables = TableReader(years)
    region_seen = None
    listed = ended = False  # a list item of the region was read; the article went on after it
    if headline is not None:
        cands.extend(reader.paragraph(headline, allow_loose=False, headline=True).cands)
    for region, p in paras:
        if region != region_seen:
            if region_seen is not None or headline is None:
                reader = new_reader()
            tables = TableReader(years)
            region_seen = region
            listed = ended = False
        if allow_loose and listed and not p.marker and not ended:
            # a press report's "CHỈ TIÊU CHỦ YẾU" list, then the article goes on: a paragraph
            # about the congress ("Đại hội đã bầu 55 đồng chí …") or the past ends the section
            ended = stance(p.text, years).kind in (EVENT, PAST)
        if ended:
            continue
        listed = listed or bool(p.marker)
        rows = tables.row(p) if " | " in p.text else None
        if rows is not None:
            cands.extend(rows)
            placement.mark(p.lines, "target" if rows else "structure")
            continue
        found = reader.paragraph(p, allow_loose=allow_loose)
        if found.cands:
            cands.extend(found.cands)
            placement.mark(p.lines, "target")
            if found.residues and qualitative:
                residues.setdefault(region, []).extend(found.residues)
            continue
        if p.text.rstrip().endswith(":"):
            placement.mark(p.lines, "structure")
            continue
        if qualitative and found.residues:
            spans = sentences(p.body, 0, len(p.body))
            first = p.body[spans[0][0] : spans[0][1]] if spans else p.body
            quals.append(
                _qualitative(
                    years,
                    found.year or years.to_year,
                    capitalise(first),
                    p.body.strip(),
                    p.lines[0],
                )
            )
            placement.mark(p.lines, "target")
    cands = _without_restatements(cands, warnings)
    if warnings is not None:
        for found_reader in readers:
            for text, line in found_reader.fractions:
                warnings.append(
                    f"Dòng {line}: “{text}” là một phần của tổng số, không ghi được thành giá trị "
                    "chính xác; nếu đây là chỉ tiêu, hãy thêm khi duyệt."
                )
    gathered: list[Cand] = []
    for items in residues.values():
        if not items:
            continue
        texts = [text for text, _ in items]
        indicator = "; ".join(
            capitalise(t) if k == 0 else t.strip(" .;,") for k, t in enumerate(texts)
        )
        gathered.append(
            _qualitative(
                years, years.to_year, capitalise(indicator), " ... ".join(texts), items[0][1]
            )
        )
    quals = sorted(gathered + quals, key=lambda c: c.line)
    return cands, quals


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _without_restatements(cands: list[Cand], warnings: list[str] | None) -> list[Cand]:
    """A press lead or a headline restates a target of the body ("đặt mục tiêu đến năm 2025 thu
    nhập bình quân đầu người đạt khoảng 4.700 - 5.000 USD" … "GDP bình quân đầu người đến năm
    2025 đạt khoảng 4.700 - 5.000 USD"): the same amount (not a percentage), unit and year under
    much the same name is one target, the later statement (the list's)."""
    kept: list[Cand] = []
    for cand in cands:
        twin = next(
            (
                k
                for k in kept
                if cand.value is not None
                and k.value == cand.value
                and k.value_high == cand.value_high
                and k.unit == cand.unit
                and k.to_year == cand.to_year
                and cand.unit
                and not cand.unit.startswith("%")
                and len(_words(k.indicator) & _words(cand.indicator))
                >= 0.5 * min(len(_words(k.indicator)), len(_words(cand.indicator)))
            ),
            None,
        )
        if twin is not None:
            kept.remove(twin)
            cand.reasons.append(f"dòng {twin.line} nêu cùng chỉ tiêu, chỉ giữ một")
            if warnings is not None:
                warnings.append(
                    f"Dòng {twin.line} và dòng {cand.line} nêu cùng một chỉ tiêu (cùng số liệu, "
                    "đơn vị và năm): chỉ giữ một."
                )
        kept.append(cand)
    return kept


def _qualitative(years: PlanYears, to_year: int, indicator: str, source: str, line: int) -> Cand:
    cand = candidate(
        years=years,
        kind="qualitative",
        comparator=None,
        quantity=None,
        unit="",
        to_year=to_year,
        indicator=indicator,
        source=source,
        line=line,
        period=None,
    )
    cand.reasons.append("định tính: mục tiêu của chương trình không có số")
    return cand


def program_tasks(paras: list[Para], *, placement: Placement) -> list[tuple[str, int]]:
    """(text, first line) of each task: a paragraph of "Nhiệm vụ, giải pháp", with the "+"
    sub-items under it."""
    out: list[tuple[str, int]] = []
    for p in paras:
        text = normalize_space(p.body)
        if not text:
            continue
        if out and p.marker in SUB_MARKERS:
            out[-1] = (out[-1][0] + " " + text, out[-1][1])
        else:
            out.append((text, p.lines[0]))
        placement.mark(p.lines, "task")
    return out


def breakthroughs(paras: list[Para], *, placement: Placement) -> list[dict[str, Any]]:
    """The breakthroughs, numbered as written ("1.", "2.") or in order."""
    out: list[dict[str, Any]] = []
    for k, p in enumerate(paras, start=1):
        number = int(p.number) if p.marker == "num" and p.number.isdigit() else k
        if any(b["number"] == number for b in out):
            number = max(b["number"] for b in out) + 1
        out.append({"number": number, "text": normalize_space(p.body), "line": p.lines[0]})
        placement.mark(p.lines, "breakthrough")
    return out


def _decimal(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value.normalize():f}" if value != 0 else "0"
    return text


def target_entry(cand: Cand, program: int, n: int) -> dict[str, Any]:
    """A target as the plan document holds it."""
    return {
        "code": f"{program}.{n}",
        "program": program,
        "kind": cand.kind,
        "comparator": cand.comparator,
        "value": _decimal(cand.value),
        "value_high": _decimal(cand.value_high),
        "unit": cand.unit,
        "from_year": cand.from_year,
        "to_year": cand.to_year,
        "indicator": cand.indicator[:500],
        "source_text": cand.source_text,
        "line": cand.line,
        "confidence": cand.confidence,
        "reason": cand.reason,
    }
