"""Five years of reporting for a demo province (`tiendo demo generate`), played through the
reporting services, so that the demo data follows the same rules as the pages: rounds opened
with `round_open` (given the plan's coverage on its day, computed from one read per province:
`plan_coverage_inputs`; nothing the rounds do changes who reports what) and closed with
`round_close`; drafts saved with `submissions_save` (the
values typed as a reporter would type them, checked by the same rules), evidence attached with
`evidences_add`, reports sent with `submissions_submit`, returned with `submissions_return` and
accepted with `submissions_accept` (accepted figures through `figures_record`, task statuses,
notifications, audit entries). The bulk forms do a whole round in a few queries.

Per year: a "6 tháng cuối năm" round with estimates and a "Năm" round with official figures
(the estimate give or take 3 %). Every report of a closed round is accepted; in the last round,
still open, reports are in every state. Each act is given its calendar time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from tiendo.core.numbers import format_number
from tiendo.indicators.models import Figure, FigureType
from tiendo.org.models import OrgUnit
from tiendo.plans.coverage import CoverageInputs, plan_coverage_inputs
from tiendo.plans.models import Plan, Target, TargetKind, Task, TaskStatus
from tiendo.reporting.models import Evidence, PeriodKind, Submission, SubmissionState
from tiendo.reporting.selectors import assigned_items_for_units
from tiendo.reporting.services import (
    EvidenceUpload,
    FigureInput,
    SubmissionDraft,
    SubmissionStep,
    TaskInput,
    evidences_add,
    round_close,
    round_open,
    submissions_accept,
    submissions_return,
    submissions_save,
    submissions_submit,
)

YEARS = range(2021, 2026)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SOURCE = "Cục Thống kê tỉnh"
RETURN_REASON = "Đề nghị bổ sung nguồn số liệu."
LAST_ROUND_STATES = [
    SubmissionState.DRAFT,
    SubmissionState.SUBMITTED,
    SubmissionState.RETURNED,
    SubmissionState.ACCEPTED,
    SubmissionState.ACCEPTED,
]


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A time of a day in Việt Nam."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@dataclass
class Province:
    """Who reports in a demo province, and what they lead."""

    plan: Plan
    monitor: Any
    units: list[OrgUnit]
    reporter_of: dict[int, Any]  # unit id → its reporter
    users: int
    items: dict[int, tuple[list[Target], list[Task]]] = field(default_factory=dict)
    estimates: dict[tuple[int, int], Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundSpec:
    period_kind: str
    year: int
    number: int
    opens_on: dt.date
    deadline: dt.date
    figure_type: str


def schedule() -> list[RoundSpec]:
    """Per year an estimate round (6 tháng cuối năm) and an official one (Năm)."""
    rounds = []
    for year in YEARS:
        rounds += [
            RoundSpec(
                PeriodKind.HALF,
                year,
                2,
                dt.date(year, 11, 15),
                dt.date(year, 12, 10),
                FigureType.ESTIMATE,
            ),
            RoundSpec(
                PeriodKind.YEAR,
                year,
                1,
                dt.date(year + 1, 2, 15),
                dt.date(year + 1, 3, 15),
                FigureType.OFFICIAL,
            ),
        ]
    return rounds


@dataclass
class _Report:
    """How one unit's report goes in a round: where it ends, and when."""

    submission: Submission
    reporter: Any
    state: str
    sent: dt.datetime
    reviewed: dt.datetime
    evidence: bool = False

    @property
    def saved(self) -> dt.datetime:
        return self.sent - dt.timedelta(hours=2)


def _value(target: Target, year: int, rng: random.Random) -> Decimal | None:
    if target.kind == TargetKind.QUALITATIVE:
        return None
    if target.kind == TargetKind.MILESTONE:
        return Decimal(1) if year >= 2024 or rng.random() < 0.3 else Decimal(0)
    goal = target.value if target.value is not None else Decimal(100)
    progress = Decimal(year - 2020) / Decimal(5)
    if target.kind == TargetKind.LEVEL and target.baseline_value is not None:
        start = target.baseline_value
        value = start + (goal - start) * progress * Decimal(str(rng.uniform(0.8, 1.15)))
    else:
        value = goal * Decimal(str(rng.uniform(0.7, 1.2)))
    if target.unit.strip().startswith("%"):
        value = min(max(value, Decimal(0)), Decimal(100))
    return max(value, Decimal(0)).quantize(Decimal("0.01"))


def _figure_inputs(
    province: Province, targets: list[Target], spec: RoundSpec, rng: random.Random
) -> dict[int, FigureInput]:
    """What the unit types for its targets: an estimate, then the official figure close to it."""
    inputs = {}
    for target in targets:
        value = _value(target, spec.year, rng)
        key = (target.pk, spec.year)
        if spec.figure_type == FigureType.OFFICIAL and value is not None:
            estimate = province.estimates.get(key, value)
            value = (estimate * Decimal(str(rng.uniform(0.97, 1.03)))).quantize(Decimal("0.01"))
            if target.unit.strip().startswith("%"):
                value = min(value, Decimal(100))
        elif value is not None:
            province.estimates[key] = value
        inputs[target.pk] = FigureInput(
            value=None if value is None else format_number(value),
            figure_type=spec.figure_type,
            source=None if value is None else SOURCE,
        )
    return inputs


def _task_inputs(tasks: list[Task], year: int, rng: random.Random) -> dict[int, TaskInput]:
    """The unit's progress on its tasks, growing over the term."""
    progress = max(0, min(100, (year - 2020) * 20 + rng.randint(-10, 10)))
    if progress >= 95:
        status, progress = TaskStatus.DONE, 100
    else:
        status = TaskStatus.DELAYED if rng.random() < 0.1 else TaskStatus.IN_PROGRESS
    return {
        task.pk: TaskInput(
            status=status,
            percent_done=str(progress),
            narrative="Đang triển khai theo kế hoạch.",
        )
        for task in tasks
    }


def _reports(
    province: Province, submissions: list[Submission], last: bool, rng: random.Random
) -> list[_Report]:
    reports = []
    for sub in submissions:
        state = rng.choice(LAST_ROUND_STATES) if last else SubmissionState.ACCEPTED
        deadline = sub.round.deadline
        sent = at(deadline - dt.timedelta(days=rng.randint(0, 10)), rng.randint(8, 16))
        reviewed = sent + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
        evidence = state != SubmissionState.DRAFT and rng.random() < 0.25
        reporter = province.reporter_of[sub.unit_id]
        reports.append(_Report(sub, reporter, state, sent, reviewed, evidence))
    return reports


def _steps(
    reports: list[_Report], current: list[Submission], states: set[str], *, reviewer: Any = None
) -> tuple[list[_Report], list[SubmissionStep]]:
    """The reports that go on to one of `states`, and the step each takes (by its reporter at
    the time it was sent, or by the reviewer at the time it was reviewed)."""
    chosen = [(r, s) for r, s in zip(reports, current, strict=True) if r.state in states]
    steps = [
        SubmissionStep(
            submission=sub,
            version=sub.version,
            actor=reviewer or report.reporter,
            at=report.reviewed if reviewer else report.sent,
        )
        for report, sub in chosen
    ]
    return [r for r, _s in chosen], steps


def _round_play(
    province: Province,
    coverage: CoverageInputs,
    spec: RoundSpec,
    last: bool,
    rng: random.Random,
) -> int:
    """Open the round, fill in, send and review its reports, close it unless it is the last.
    Returns how many submissions it has."""
    monitor = province.monitor
    rnd = round_open(
        actor=monitor,
        plan=province.plan,
        period_kind=spec.period_kind,
        year=spec.year,
        number=spec.number,
        opens_on=spec.opens_on,
        deadline=spec.deadline,
        units=province.units,
        at=at(spec.opens_on, 8),
        coverage=coverage.on(spec.opens_on),
    )
    submissions = list(
        rnd.submissions.select_related("round__plan", "unit").order_by("unit__name", "unit__code")
    )
    reports = _reports(province, submissions, last, rng)
    drafts = []
    for report in reports:
        targets, tasks = province.items.get(report.submission.unit_id, ([], []))
        drafts.append(
            SubmissionDraft(
                submission=report.submission,
                version=report.submission.version,
                actor=report.reporter,
                at=report.saved,
                figures=_figure_inputs(province, targets, spec, rng),
                tasks=_task_inputs(tasks, spec.year, rng),
            )
        )
    current = submissions_save(drafts=drafts)
    evidences_add(
        uploads=[
            EvidenceUpload(
                actor=report.reporter,
                submission=sub,
                upload=SimpleUploadedFile(f"bao-cao-{spec.year}.pdf", PDF),
                at=report.saved,
            )
            for report, sub in zip(reports, current, strict=True)
            if report.evidence
        ]
    )
    sent: set[str] = {SubmissionState.SUBMITTED, SubmissionState.RETURNED, SubmissionState.ACCEPTED}
    reports, steps = _steps(reports, current, sent)
    current = submissions_submit(steps=steps)
    _r, steps = _steps(reports, current, {SubmissionState.RETURNED}, reviewer=monitor)
    submissions_return(steps=steps, reason=RETURN_REASON)
    _r, steps = _steps(reports, current, {SubmissionState.ACCEPTED}, reviewer=monitor)
    submissions_accept(steps=steps)
    if not last:
        round_close(actor=monitor, reporting_round=rnd, at=at(spec.deadline + dt.timedelta(7), 17))
    return len(submissions)


def reporting_generate(*, province: Province, rng: random.Random) -> dict[str, int]:
    """Every round of the schedule, played in order. Returns counts of what was made."""
    province.items = assigned_items_for_units(
        plan=province.plan, unit_ids=[u.pk for u in province.units]
    )
    # who reports what is read once: the rounds change no assignment and no account
    coverage = plan_coverage_inputs(plan=province.plan)
    rounds = schedule()
    submissions = 0
    for n, spec in enumerate(rounds):
        submissions += _round_play(province, coverage, spec, n == len(rounds) - 1, rng)
    return {
        "rounds": len(rounds),
        "submissions": submissions,
        "figures": Figure.objects.filter(area_id=province.plan.area_id).count(),
        "evidence": Evidence.objects.filter(submission__round__plan=province.plan).count(),
    }
