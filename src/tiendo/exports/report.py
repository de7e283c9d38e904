"""The results report (báo cáo kết quả thực hiện) as plain data, built from the evaluation.

`report_build` reads the plan, evaluates it and lays out what a leader signs: the header of a
Party document (Hướng dẫn 36-HD/VPTW) or of a state document (Nghị định 30/2020/NĐ-CP), the
title, the body (overall assessment, per program a table of its targets and a summary of its
tasks, limitations, recommendations), the signature block, "Nơi nhận" and an appendix with every
target. The Word and PDF renderers only draw this structure, so both files say the same thing.

Sentences are generated from the evaluation; a saved `ReportDraft` may replace any section.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from tiendo.core.numbers import format_number, format_percent
from tiendo.evaluation import engine
from tiendo.evaluation.selectors import figures_accepted
from tiendo.evaluation.services import PlanEvaluation, plan_evaluate
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.lateness import LATE_REASONS, task_lateness
from tiendo.plans.models import Plan, Target, Task, TaskStatus

from .models import ReportDraft

# Statuses in the order a report reads them.
STATUS_ORDER = [
    engine.Status.EXCEEDED,
    engine.Status.ACHIEVED,
    engine.Status.ON_TRACK,
    engine.Status.AT_RISK,
    engine.Status.NOT_ACHIEVED,
    engine.Status.NO_DATA,
    engine.Status.NEEDS_ASSESSMENT,
]
TASK_STATUS_ORDER = [
    TaskStatus.DONE,
    TaskStatus.IN_PROGRESS,
    TaskStatus.NOT_STARTED,
    TaskStatus.DELAYED,
]
QUALIFIER_WORDS = {"exact": "", "more_than": "hơn ", "about": "khoảng "}
ESTIMATE_MARK = "(*)"

SECTION_LABELS: dict[str, str] = {
    "intro": "Mở đầu",
    "overall": "Đánh giá chung",
    "tasks": "Thực hiện nhiệm vụ, giải pháp",
    "limitations": "Hạn chế, nguyên nhân",
    "recommendations": "Kiến nghị, đề xuất",
}


def program_section_key(number: int) -> str:
    return f"program-{number}"


@dataclass
class Table:
    """A table of the report. `widths_cm` are the least widths of the columns; the columns in
    `flexible` share the width left on the page. A table too wide for a portrait page is
    `landscape`: it is printed on landscape pages (with the text of its section)."""

    headers: list[str]
    rows: list[list[str]]
    widths_cm: list[float] = field(default_factory=list)
    note: str = ""
    flexible: tuple[int, ...] = ()
    landscape: bool = False

    def widths_on(self, page_cm: float) -> list[float]:
        """The columns' widths on a page `page_cm` wide: the least widths, the rest of the
        page shared by the flexible columns (scaled down only if they cannot fit at all)."""
        total = sum(self.widths_cm)
        if total > page_cm or not self.flexible:
            scale = page_cm / total if total else 1.0
            return [w * scale for w in self.widths_cm]
        extra = (page_cm - total) / len(self.flexible)
        return [w + (extra if i in self.flexible else 0) for i, w in enumerate(self.widths_cm)]


# The width a table has on an A4 page with the margins of Nghị định 30/2020 (left 3 cm, right
# 1,5 cm): portrait and landscape.
PORTRAIT_CM = 16.5
LANDSCAPE_CM = 25.2


@dataclass
class Block:
    """A heading (level 1 or 2), a paragraph, or a table; `landscape` for the blocks printed on
    landscape pages (a program whose table is too wide for a portrait page)."""

    kind: str
    text: str = ""
    level: int = 0
    table: Table | None = None
    landscape: bool = False


@dataclass
class Header:
    state: bool
    issuer_upper: str
    issuer: str
    number: str
    national: list[str]
    place_date: str


@dataclass
class Report:
    plan: Plan
    as_of_year: int
    header: Header
    title: str
    subtitle: str
    blocks: list[Block]
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: list[str]
    appendix_title: str
    appendix_subtitle: str
    appendix: Table
    evaluation: PlanEvaluation
    sections: dict[str, str]

    def text(self) -> str:
        """The whole report as plain text (for a text dump and for reading in tests)."""
        lines: list[str] = []
        h = self.header
        lines += [x for x in (h.issuer_upper, h.issuer) if x]
        lines += ["*" if not h.state else "", h.number, *h.national, h.place_date, ""]
        lines += [self.title, self.subtitle, ""]
        for block in self.blocks:
            if block.table is not None:
                lines += _table_text(block.table)
            else:
                lines.append(block.text)
        lines += ["", self.signer_authority, self.signer_title, self.signer_name, ""]
        lines += ["Nơi nhận:", *[f"- {r}" for r in self.recipients], ""]
        lines += [self.appendix_title, self.appendix_subtitle, *_table_text(self.appendix)]
        return "\n".join(line for line in lines if line is not None) + "\n"


def _table_text(table: Table) -> list[str]:
    out = [" | ".join(table.headers)]
    out += [" | ".join(row) for row in table.rows]
    if table.note:
        out.append(table.note)
    return out


# --- Header --------------------------------------------------------------------------------


def is_state_unit(unit: OrgUnit | None) -> bool:
    return unit is not None and unit.kind in OrgUnitKind.state_kinds()


def _upper(text: str) -> str:
    return text.upper().replace("Đ", "Đ")


def _symbol(plan: Plan, *, state: bool) -> str:
    """The report's symbol from the plan's: 23-CTr/TU → BC/TU; 12/CTr-UBND → BC-UBND."""
    number = plan.number or ""
    if state:
        match = re.search(r"-([^-/\s]+)$", number)
        return f"BC-{match.group(1)}" if match else "BC"
    match = re.search(r"/([^/\s]+)$", number)
    return f"BC/{match.group(1)}" if match else "BC"


def date_line(place: str, date: dt.date) -> str:
    """ "Lạng Sơn, ngày 05 tháng 02 năm 2025": days below 10 and months 1–2 take a leading 0."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day} tháng {month} năm {date.year}"


def _date_short(date: dt.date | None) -> str:
    return f"{date.day}/{date.month}/{date.year}" if date else ""


def _header(plan: Plan, draft: ReportDraft | None, today: dt.date) -> Header:
    unit = plan.issuing_unit
    state = is_state_unit(unit)
    name = (unit.short_name or unit.name) if unit else (plan.issuing_body or "")
    upper = ""
    if unit is not None and unit.parent is not None:
        upper = _upper(unit.parent.short_name or unit.parent.name)
    symbol = _symbol(plan, state=state)
    if draft is not None and draft.number:
        number = f"Số: {draft.number}" if state else f"Số {draft.number}"
    else:
        number = f"Số:       /{symbol}" if state else f"Số       -{symbol}"
    place = (draft.place if draft is not None and draft.place else "") or plan.place
    date = (draft.date if draft is not None and draft.date else None) or today
    national = (
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        if state
        else ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    )
    return Header(
        state=state,
        issuer_upper=upper,
        issuer=_upper(name),
        number=number,
        national=national,
        place_date=date_line(place, date),
    )


# --- Generated sentences ------------------------------------------------------------------


def _count_phrase(counts: Counter[str], total: int) -> str:
    met = counts[engine.Status.EXCEEDED] + counts[engine.Status.ACHIEVED]
    parts = [
        f"có {met}/{total} chỉ tiêu đạt và vượt"
        + (
            f" (vượt {counts[engine.Status.EXCEEDED]}, đạt {counts[engine.Status.ACHIEVED]})"
            if counts[engine.Status.EXCEEDED] and counts[engine.Status.ACHIEVED]
            else ""
        )
    ]
    phrases = {
        engine.Status.ON_TRACK: "{n} chỉ tiêu có khả năng đạt",
        engine.Status.AT_RISK: "{n} chỉ tiêu khó đạt",
        engine.Status.NOT_ACHIEVED: "{n} chỉ tiêu không đạt",
        engine.Status.NO_DATA: "{n} chỉ tiêu chưa có số liệu",
        engine.Status.NEEDS_ASSESSMENT: "{n} chỉ tiêu định tính cần được đánh giá",
    }
    for status, phrase in phrases.items():
        if counts[status]:
            parts.append(phrase.format(n=counts[status]))
    return "; ".join(parts)


def overall_text(evaluation: PlanEvaluation) -> str:
    total = len(evaluation.evaluations)
    estimates = sum(1 for e in evaluation.evaluations if e.estimate)
    text = (
        f"Tính đến năm {evaluation.as_of_year}, trong tổng số {total} chỉ tiêu của Chương trình "
        f"hành động, {_count_phrase(evaluation.counts, total)}."
    )
    if estimates:
        text += f" Có {estimates} chỉ tiêu được đánh giá trên số liệu ước thực hiện."
    return text


def _program_sentence(number: int, evaluations: list[engine.Evaluation]) -> str:
    counts: Counter[str] = Counter(str(e.status) for e in evaluations)
    total = len(evaluations)
    return f"Chương trình có {total} chỉ tiêu; {_count_phrase(counts, total)}."


def _task_counts_text(tasks: Iterable[Task], *, whole: bool = False) -> str:
    tasks = list(tasks)
    subject = "Chương trình hành động" if whole else "Chương trình"
    if not tasks:
        return f"{subject} không có nhiệm vụ, giải pháp được giao cụ thể."
    counts = Counter(str(t.status) for t in tasks)
    labels = dict(TaskStatus.choices)
    parts = [f"{str(labels[s]).lower()} {counts[s]}" for s in TASK_STATUS_ORDER if counts[s]]
    return (
        f"Về nhiệm vụ, giải pháp: {subject.lower()} có {len(tasks)} nhiệm vụ, trong đó "
        + ", ".join(parts)
        + "."
    )


def _limitations_text(
    evaluation: PlanEvaluation, targets: dict[str, Target], late: list[tuple[Task, str]]
) -> str:
    paragraphs: list[str] = []
    weak = [
        e
        for e in evaluation.evaluations
        if e.status in (engine.Status.NOT_ACHIEVED, engine.Status.AT_RISK)
    ]
    if weak:
        lines = [f"Có {len(weak)} chỉ tiêu không đạt hoặc khó đạt:"]
        for e in weak:  # the sentence ends in the verdict ("…: không đạt."): not said twice
            lines.append(f"- Chỉ tiêu {e.code} ({targets[e.code].indicator}): {e.explanation}")
        paragraphs.append("\n".join(lines))
    else:
        paragraphs.append("Không có chỉ tiêu nào không đạt hoặc khó đạt.")
    missing = [e.code for e in evaluation.evaluations if e.status == engine.Status.NO_DATA]
    if missing:
        paragraphs.append(
            f"Còn {len(missing)} chỉ tiêu chưa có số liệu để đánh giá ({', '.join(missing)})."
        )
    if late:
        lines = [f"Có {len(late)} nhiệm vụ chậm tiến độ hoặc quá hạn chưa hoàn thành:"]
        for task, reason in late:
            why = [LATE_REASONS[reason]]
            if task.due_date:
                why.append(f"hạn {_date_short(task.due_date)}")
            lines.append(f"- Nhiệm vụ {task.code} ({', '.join(why)}): {_shorten(task.text)}")
        paragraphs.append("\n".join(lines))
    else:
        paragraphs.append("Không có nhiệm vụ chậm tiến độ.")
    return "\n\n".join(paragraphs)


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sections_generate(
    *, plan: Plan, evaluation: PlanEvaluation, tasks: list[Task], as_of: dt.date
) -> dict[str, str]:
    """The generated text of every editable section (what an empty draft section becomes)."""
    targets = {t.code: t for t in plan.targets.all()}
    late = [
        (task, reason)
        for task in tasks
        if (reason := task_lateness(task=task, plan=plan, on=as_of)) is not None
    ]
    issued = f" ngày {_date_short(plan.issue_date)}" if plan.issue_date else ""
    body = f" của {plan.issuing_body}" if plan.issuing_body else ""
    sections = {
        "intro": (
            f"Thực hiện Chương trình hành động số {plan.number}{issued}{body}, "
            f"kết quả thực hiện tính đến năm {evaluation.as_of_year} như sau:"
        ),
        "overall": overall_text(evaluation),
        "tasks": _task_counts_text(tasks, whole=True),
        "limitations": _limitations_text(evaluation, targets, late),
        "recommendations": (
            "Đề nghị các cơ quan, đơn vị được giao chủ trì tập trung chỉ đạo thực hiện các chỉ "
            "tiêu khó đạt, chưa đạt và các nhiệm vụ chậm tiến độ; cập nhật đầy đủ số liệu các "
            "chỉ tiêu chưa có số liệu trong đợt báo cáo tiếp theo."
        ),
    }
    for program in evaluation.programs:
        program_tasks = [t for t in tasks if t.program.number == program.number]
        sections[program_section_key(program.number)] = (
            _program_sentence(program.number, program.evaluations)
            + " "
            + _task_counts_text(program_tasks)
        )
    return sections


# --- Tables --------------------------------------------------------------------------------


def figure_cell(figure: engine.Figure | None) -> str:
    if figure is None:
        return ""
    text = QUALIFIER_WORDS.get(figure.qualifier, "") + format_number(figure.value)
    if figure.figure_type == "estimate":
        text += " " + ESTIMATE_MARK
    return text


def progress_cell(value: Decimal | None) -> str:
    return format_percent(value, 1) if value is not None else ""


def report_years(plan: Plan, as_of_year: int) -> list[int]:
    last = min(as_of_year, plan.term_to_year)
    return list(range(plan.term_from_year, last + 1))


def _program_table(
    program_evals: list[engine.Evaluation],
    targets: dict[str, Target],
    chosen: dict[str, dict[int, engine.Figure]],
    years: list[int],
) -> Table:
    """The targets of a program with the figure of each year that has one (years without a
    figure for any of its targets are left out) and the evaluation."""
    shown = [y for y in years if any(y in chosen.get(e.code, {}) for e in program_evals)]
    headers = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        *[str(y) for y in shown],
        "% so với mục tiêu",
        "Đánh giá",
    ]
    rows = []
    for index, e in enumerate(program_evals, start=1):
        target = targets[e.code]
        by_year = chosen.get(e.code, {})
        rows.append(
            [
                str(index),
                f"{e.code}. {target.indicator}",
                target.unit,
                e.target_text,
                *[figure_cell(by_year.get(y)) for y in shown],
                progress_cell(e.progress_pct),
                engine.STATUS_LABELS[e.status],
            ]
        )
    widths = [1.1, 4.0, 1.9, 3.2, *[1.45] * len(shown), 1.6, 1.8]
    has_estimate = any(ESTIMATE_MARK in cell for row in rows for cell in row)
    note = f"{ESTIMATE_MARK} Số ước thực hiện." if has_estimate else ""
    return Table(
        headers=headers,
        rows=rows,
        widths_cm=widths,
        note=note,
        flexible=(1, 3),
        landscape=sum(widths) > PORTRAIT_CM,
    )


def _appendix(evaluation: PlanEvaluation, targets: dict[str, Target]) -> Table:
    rows = []
    for index, e in enumerate(evaluation.evaluations, start=1):
        target = targets[e.code]
        latest = ""
        if e.latest_value is not None:
            latest = QUALIFIER_WORDS.get(e.latest_qualifier or "exact", "") + format_number(
                e.latest_value
            )
            if target.unit:
                latest += f" {target.unit}" if not target.unit.startswith("%") else target.unit
            if e.latest_year:
                latest += f" (năm {e.latest_year})"
        rows.append(
            [
                str(index),
                e.code,
                target.indicator,
                e.target_text,
                latest,
                engine.STATUS_LABELS[e.status],
                e.explanation,
            ]
        )
    return Table(
        headers=["STT", "Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá", "Căn cứ đánh giá"],
        rows=rows,
        widths_cm=[1.1, 1.1, 4.2, 3.6, 2.6, 1.9, 6.0],
        flexible=(2, 6),
        landscape=True,  # long sentences in seven columns: landscape pages read well
    )


# --- The report ----------------------------------------------------------------------------


def _tasks(plan: Plan) -> list[Task]:
    return list(Task.objects.filter(plan=plan).select_related("program").order_by("position"))


def report_draft_get(*, plan: Plan, as_of_year: int) -> ReportDraft | None:
    return ReportDraft.objects.filter(plan=plan, as_of_year=as_of_year).first()


def default_recipients(plan: Plan, *, state: bool) -> list[str]:
    unit = plan.issuing_unit
    short = (unit.short_name or unit.name) if unit else plan.issuing_body
    if state:
        return [f"{plan.issuing_body or short} (b/c);", "Lưu: VT."]
    return [
        f"{plan.issuing_body or short} (báo cáo),",
        f"Ban Thường vụ {short} (báo cáo),",
        "Các cơ quan, đơn vị được giao chủ trì,",
        "Lưu Văn phòng.",
    ]


def report_build(
    *,
    plan: Plan,
    as_of_year: int,
    draft: ReportDraft | None = None,
    use_saved_draft: bool = True,
    today: dt.date | None = None,
) -> Report:
    """The report of `plan` as of `as_of_year`, with the saved draft's edits when there is one."""
    plan = Plan.objects.select_related("issuing_unit__parent").get(pk=plan.pk)
    if draft is None and use_saved_draft:
        draft = report_draft_get(plan=plan, as_of_year=as_of_year)
    today = today or timezone.localdate()
    evaluation = plan_evaluate(plan=plan, as_of_year=as_of_year)
    targets = {t.code: t for t in Target.objects.filter(plan=plan).order_by("position")}
    tasks = _tasks(plan)
    as_of_date = min(today, dt.date(as_of_year, 12, 31))
    generated = sections_generate(plan=plan, evaluation=evaluation, tasks=tasks, as_of=as_of_date)
    edited = {k: v for k, v in ((draft.sections if draft else {}) or {}).items() if str(v).strip()}
    sections = {key: str(edited.get(key, text)).strip() for key, text in generated.items()}

    figures = figures_accepted(plan=plan)
    chosen = {
        code: engine.select_figures(items, as_of_year=as_of_year) for code, items in figures.items()
    }
    years = report_years(plan, as_of_year)
    header = _header(plan, draft, today)

    blocks: list[Block] = []

    def paragraphs(text: str) -> None:
        for part in re.split(r"\n\s*\n|\n", text):
            if part.strip():
                blocks.append(Block("paragraph", part.strip()))

    paragraphs(sections["intro"])
    blocks.append(Block("heading", "I. KẾT QUẢ THỰC HIỆN", level=1))
    blocks.append(Block("heading", "1. Đánh giá chung", level=2))
    paragraphs(sections["overall"])
    blocks.append(Block("heading", "2. Kết quả thực hiện các chương trình", level=2))
    tables = [
        _program_table(program.evaluations, targets, chosen, years)
        for program in evaluation.programs
    ]
    # The programs from the first to the last wide table are printed on landscape pages, with
    # their text: the reader turns the page once, not at every program.
    wide = [index for index, table in enumerate(tables) if table.landscape]
    for index, (program, table) in enumerate(zip(evaluation.programs, tables, strict=True)):
        first = len(blocks)
        blocks.append(
            Block(
                "heading", f"2.{program.number}. Chương trình {program.number}: {program.title}", 3
            )
        )
        paragraphs(sections[program_section_key(program.number)])
        blocks.append(Block("table", table=table))
        for block in blocks[first:]:
            block.landscape = bool(wide) and wide[0] <= index <= wide[-1]
    blocks.append(Block("heading", "3. Thực hiện nhiệm vụ, giải pháp", level=2))
    paragraphs(sections["tasks"])
    blocks.append(Block("heading", "II. HẠN CHẾ, NGUYÊN NHÂN", level=1))
    paragraphs(sections["limitations"])
    blocks.append(Block("heading", "III. KIẾN NGHỊ, ĐỀ XUẤT", level=1))
    paragraphs(sections["recommendations"])

    state = header.state
    authority = (draft.signer_authority if draft else "") or (
        "TM. ỦY BAN NHÂN DÂN" if state else "T/M BAN THƯỜNG VỤ"
    )
    title = (draft.signer_title if draft else "") or ("CHỦ TỊCH" if state else "BÍ THƯ")
    recipients = (
        [line.strip() for line in draft.recipients.splitlines() if line.strip()]
        if draft and draft.recipients.strip()
        else default_recipients(plan, state=state)
    )
    issued = f" ngày {_date_short(plan.issue_date)}" if plan.issue_date else ""
    return Report(
        plan=plan,
        as_of_year=as_of_year,
        header=header,
        title="BÁO CÁO",
        subtitle=(
            f"kết quả thực hiện Chương trình hành động số {plan.number}{issued} "
            f"(tính đến năm {as_of_year})"
        ),
        blocks=blocks,
        signer_authority=authority,
        signer_title=title,
        signer_name=(draft.signer_name if draft else "") or "",
        recipients=recipients,
        appendix_title="PHỤ LỤC",
        appendix_subtitle=(
            f"Kết quả thực hiện các chỉ tiêu của Chương trình hành động số {plan.number} "
            f"(tính đến năm {as_of_year})"
        ),
        appendix=_appendix(evaluation, targets),
        evaluation=evaluation,
        sections=sections,
    )
