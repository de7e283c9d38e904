"""Sample data for the built-in plan: `tiendo init --demo` / `tiendo up --demo`.

On top of what a plain set-up holds (the plan, the 2025 reorganisation, the demo accounts), it
loads, through the same services as the pages, and marked as sample data (dữ liệu mẫu) in every
reason, title and note, and on every page (`tiendo.core.sample`):

- a plausible delegation (the table of ../shared/domain/README.md, with the departments of
  today) of every target and task of programs 1–6 from the Ban cán sự đảng UBND tỉnh to the
  departments, on the basis of a sample implementing plan registered for it
  (`delegations_create`), and a reporter account for each department that reports, so that
  every target and task has a unit that reports it;
- the figures published in the press and by the province (`sample/lang-son-reported-figures.csv`,
  each with its source address and the sentence quoted), accepted through `figures_record`;
- the work program of 2022 (`sample/chuong-trinh-cong-tac-2022.xlsx`, `workprogram_load`);
- a few implementing documents in the register (`implementing_document_record`);
- one open round (Năm 2025) with submissions in each state: draft, submitted, returned,
  accepted (`round_open`, `submissions_save`/`_submit`/`_return`/`_accept`).

Safe to run again: it does nothing when the sample round is already there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.accounts.services import user_create
from tiendo.core.sample import sample_data_mark
from tiendo.indicators.models import FigureType, Qualifier
from tiendo.indicators.services import FigureRecord, figures_record
from tiendo.org.models import OrgUnit
from tiendo.plans.coverage import plan_coverage
from tiendo.plans.models import DocumentKind, ImplementingDocument, Plan, Target, Task, TaskStatus
from tiendo.plans.services import DelegationRequest, delegations_create
from tiendo.plans.services.register import DocumentInput, implementing_document_record
from tiendo.reporting.models import PeriodKind, ReportingRound, SubmissionState
from tiendo.reporting.services import (
    SubmissionDraft,
    SubmissionStep,
    TaskInput,
    round_open,
    submissions_accept,
    submissions_return,
    submissions_save,
    submissions_submit,
)
from tiendo.workprograms.services import workprogram_load

from .demo_accounts import DemoAccount

SAMPLE = Path(__file__).parent / "sample"
REASON = "Dữ liệu mẫu"
BCSD = "ban-can-su-dang-uy-ban-nhan-dan-tinh"
MONITOR = "theodoi"

# unit code → (reporter user name, short name, target codes, task codes): the sample delegation
# of ../shared/domain/README.md, with the departments that carry the work since 1/3/2025
# (transport → Sở Xây dựng, labour → Sở Nội vụ, poverty reduction → Sở NN&MT).
DELEGATION: dict[str, tuple[str, list[str], list[str]]] = {
    "so-cong-thuong": ("baocao.sct", ["1.1", "1.2", "1.3", "4.8"], ["NV1.2", "NV4.5"]),
    "ban-quan-ly-khu-kinh-te-cua-khau-dong-dang-lang-son": (
        "baocao.bqlkkt",
        ["1.4", "1.5", "1.6", "4.7"],
        ["NV1.1"],
    ),
    "so-nong-nghiep-va-moi-truong": (
        "baocao.snnmt",
        ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.9", "2.10", "2.11", "2.12", "5.6"],
        ["NV2.2", "NV2.3", "NV2.4", "NV2.5", "NV2.7", "NV4.2", "NV4.6", "NV4.7"],
    ),
    "so-khoa-hoc-va-cong-nghe": ("baocao.skhcn", ["2.7", "2.8"], ["NV2.6", "NV5.5"]),
    "so-van-hoa-the-thao-va-du-lich": (
        "baocao.svhttdl",
        [f"3.{n}" for n in range(1, 11)] + ["5.3"],
        ["NV3.1", "NV3.2", "NV3.3", "NV3.4", "NV3.5", "NV5.4"],
    ),
    "so-xay-dung": (
        "baocao.sxd",
        ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"],
        ["NV1.3", "NV4.3", "NV4.8"],
    ),
    "so-tai-chinh": ("baocao.stc", [], ["NV2.1", "NV4.1"]),
    "so-giao-duc-va-dao-tao": ("baocao.sgddt", ["5.1"], ["NV5.2"]),
    "so-noi-vu": ("baocao.snv", ["5.2"], ["NV4.4", "NV5.1", "NV5.6"]),
    "so-y-te": ("baocao.syt", ["5.4"], ["NV5.3"]),
    "bao-hiem-xa-hoi-tinh": ("baocao.bhxh", ["5.5"], []),
    "bo-chi-huy-quan-su-tinh": ("baocao.bchqs", ["6.1"], ["NV6.1"]),
    "cong-an-tinh": ("baocao.ca", ["6.2", "6.3", "6.4", "6.5"], ["NV6.2"]),
    "bo-chi-huy-bo-doi-bien-phong-tinh": ("baocao.bdbp", ["6.6"], []),
    "so-ngoai-vu": ("baocao.sngv", ["6.7"], ["NV1.4", "NV6.3"]),
}
PLAN_DOCUMENT = ("45-KH/BCSĐ", dt.date(2021, 12, 10))
REGISTER = [
    (BCSD, DocumentKind.PLAN, PLAN_DOCUMENT[0], PLAN_DOCUMENT[1], [1, 2, 3, 4, 5, 6]),
    ("ban-to-chuc-tinh-uy", DocumentKind.PLAN, "12-KH/BTCTU", dt.date(2021, 9, 15), [7]),
    ("so-cong-thuong", DocumentKind.PLAN, "102/KH-SCT", dt.date(2021, 11, 20), [1]),
    (
        "so-van-hoa-the-thao-va-du-lich",
        DocumentKind.PLAN,
        "30/KH-SVHTTDL",
        dt.date(2022, 3, 8),
        [3],
    ),
]
# how the sample round's reports end, in the order of the units' names (the rest: not started)
ROUND_STATES = [
    SubmissionState.ACCEPTED,
    SubmissionState.SUBMITTED,
    SubmissionState.RETURNED,
    SubmissionState.DRAFT,
    SubmissionState.ACCEPTED,
    SubmissionState.SUBMITTED,
]


@dataclass
class SampleResult:
    loaded: bool
    accounts: list[DemoAccount] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _register(plan: Plan, today: dt.date) -> dict[str, ImplementingDocument]:
    """The sample implementing documents, by number."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[r[0] for r in REGISTER])}
    documents = {}
    for code, kind, number, date, programs in REGISTER:
        data = DocumentInput(
            unit=units[code],
            kind=kind,
            number=number,
            date=date,
            title=f"Kế hoạch thực hiện Chương trình hành động 23-CTr/TU ({REASON.lower()})",
            issuing_body=units[code].name,
            programs=list(plan.programs.filter(number__in=programs)),
        )
        documents[number] = implementing_document_record(
            actor=None, plan=plan, data=data, today=today, check_actor=False
        )
    return documents


def _delegate(plan: Plan, basis: ImplementingDocument, today: dt.date) -> int:
    """Hand every target and task that nobody reports on to its department (see DELEGATION),
    below the body that leads it now. Returns how many delegations."""
    coverage = plan_coverage(plan=plan, on=today)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=list(DELEGATION))}
    to_unit = {
        code: units[unit_code]
        for unit_code, (_u, targets, tasks) in DELEGATION.items()
        if unit_code in units
        for code in [*targets, *tasks]
    }
    requests = []
    for item in coverage.items:
        unit = to_unit.get(item.code)
        if item.reportable or unit is None or item.lead is None:
            continue
        start = max(basis.date, unit.valid_from or basis.date)
        requests.append(
            DelegationRequest(
                to_unit=unit,
                role="lead",
                from_unit=item.lead.unit,
                target=item.item if isinstance(item.item, Target) else None,
                task=item.item if isinstance(item.item, Task) else None,
                valid_from=start,
                basis_document=basis,
            )
        )
    delegations_create(actor=None, plan=plan, requests=requests, reason=REASON, check_actor=False)
    return len(requests)


def _reporters() -> list[DemoAccount]:
    """A reporter account for each department of the delegation that has none."""
    users = get_user_model().objects
    accounts = []
    for unit in OrgUnit.objects.filter(code__in=list(DELEGATION)).order_by("name"):
        username = DELEGATION[unit.code][0]
        has_reporter = users.filter(
            is_active=True, profile__unit=unit, profile__role=Role.REPORTER
        ).exists()
        if has_reporter or users.filter(username=username).exists():
            continue
        _user, password = user_create(
            actor=None,
            username=username,
            role=Role.REPORTER,
            unit=unit,
            full_name=f"Cán bộ {unit.short_name or unit.name}",
            check_actor=False,
        )
        accounts.append(
            DemoAccount(
                username=username,
                role=str(Role.REPORTER.label),
                unit=str(unit),
                password=password,
            )
        )
    return accounts


def _figures(plan: Plan) -> int:
    """The published figures of the sample file, accepted with their sources."""
    text = (SAMPLE / "lang-son-reported-figures.csv").read_text(encoding="utf-8")
    targets = {t.code: t for t in plan.targets.exclude(indicator_ref=None)}
    assert plan.area_id is not None
    records = []
    for row in csv.DictReader(io.StringIO(text)):
        target = targets.get(row["code"])
        if target is None or target.indicator_ref_id is None:
            continue
        records.append(
            FigureRecord(
                indicator_id=target.indicator_ref_id,
                area_id=plan.area_id,
                year=int(row["year"]),
                value=Decimal(row["value"]),
                figure_type=FigureType(row["figure"]),
                qualifier=Qualifier(row["qualifier"] or Qualifier.EXACT),
                source=row["source_url"][:500],
                note=f"{REASON} — trích nguồn ({row['as_of']}): “{row['quote']}”",
                label=f"Chỉ tiêu {target.code} năm {row['year']}",
            )
        )
    recorded = figures_record(records=records, actor=None, reason=REASON, plan_code=plan.code)
    return len(recorded.created) + len(recorded.corrected)


def _reporter_of(unit_ids: list[int]) -> dict[int, Any]:
    users = (
        get_user_model()
        .objects.select_related("profile")
        .filter(is_active=True, profile__unit_id__in=unit_ids, profile__role=Role.REPORTER)
    )
    found: dict[int, Any] = {}
    for user in users.order_by("username"):
        unit_id = user.profile.unit_id
        if unit_id is not None:
            found.setdefault(unit_id, user)
    return found


def _round(plan: Plan, today: dt.date, monitor: Any) -> ReportingRound:
    """The year-2025 round, open, with reports in each state (ROUND_STATES)."""
    rnd = round_open(
        actor=monitor,
        plan=plan,
        period_kind=PeriodKind.YEAR,
        year=min(plan.term_to_year, today.year),
        opens_on=today,
        deadline=today + dt.timedelta(days=30),
        uncovered_ok=True,
    )
    subs = list(rnd.submissions.select_related("round__plan", "unit").order_by("unit__name"))
    subs = subs[: len(ROUND_STATES)]
    reporters = _reporter_of([s.unit_id for s in subs])
    tasks = {s.pk: list(s.tasks.values_list("task_id", flat=True)) for s in subs}
    drafts = [
        SubmissionDraft(
            submission=sub,
            version=sub.version,
            actor=reporters[sub.unit_id],
            tasks={
                pk: TaskInput(
                    status=TaskStatus.IN_PROGRESS,
                    percent_done="80",
                    narrative=f"Đang triển khai theo kế hoạch ({REASON.lower()}).",
                )
                for pk in tasks[sub.pk]
            },
        )
        for sub in subs
    ]
    current = submissions_save(drafts=drafts)
    states = dict(zip([s.pk for s in current], ROUND_STATES, strict=False))
    sent = [s for s in current if states[s.pk] != SubmissionState.DRAFT]
    sent = submissions_submit(
        steps=[
            SubmissionStep(submission=s, version=s.version, actor=reporters[s.unit_id])
            for s in sent
        ]
    )

    def steps(state: str) -> list[SubmissionStep]:
        return [
            SubmissionStep(submission=s, version=s.version, actor=monitor)
            for s in sent
            if states[s.pk] == state
        ]

    submissions_return(steps=steps(SubmissionState.RETURNED), reason=f"{REASON}: bổ sung nguồn.")
    submissions_accept(steps=steps(SubmissionState.ACCEPTED))
    return rnd


@transaction.atomic
def sample_load(*, today: dt.date | None = None) -> SampleResult:
    """Load the sample data (see the module's description) into the built-in plan."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(code=settings.TIENDO_BUILTIN_PLAN).first()
    if (
        plan is None
        or ImplementingDocument.objects.filter(plan=plan, number=PLAN_DOCUMENT[0]).exists()
    ):
        return SampleResult(loaded=False)
    documents = _register(plan, today)
    accounts = _reporters()
    delegated = _delegate(plan, documents[PLAN_DOCUMENT[0]], today)
    figures = _figures(plan)
    sheet = SAMPLE / "chuong-trinh-cong-tac-2022.xlsx"
    workprogram_load(
        actor=None,
        plan=plan,
        year=2022,
        data=sheet.read_bytes(),
        filename=sheet.name,
        check_actor=False,
    )
    users = get_user_model().objects
    monitor = (
        users.filter(username=MONITOR).first()
        or users.filter(is_active=True, profile__role=Role.MONITOR).order_by("pk").first()
    )
    counts = {"delegations": delegated, "figures": figures, "documents": len(documents)}
    if monitor is not None:
        counts["submissions"] = _round(plan, today, monitor).submissions.count()
    sample_data_mark(text=f"{REASON}: {counts}\n")
    return SampleResult(loaded=True, accounts=accounts, counts=counts)
