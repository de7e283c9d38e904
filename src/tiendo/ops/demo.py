"""Synthetic national-scale data: `tiendo demo generate --provinces N --seed S`.

Each province gets:

- its plan: a copy of the built-in plan document (53 targets, 40 tasks, 7 programs) with the
  province's name, a plan code `demo-<province>-2020-2025` and unit keys prefixed with the
  province, loaded through the service `plan_load` (validated, audited, first revision);
- about 65 organisational units: the document's 15, 12 departments, 8 districts (abolished on
  30/06/2025) and 24 communes/wards under them, of which 16 merged on 01/07/2025 into 8 new
  communes (`OrgUnitSuccession`, kind merge);
- lead assignments: every target and every task to a department (as `target_assign` would);
- accounts: a monitor (`<province>.theodoi`), a leader (`<province>.lanhdao`) and a reporter per
  reporting unit, all with the password given (one hash computed once);
- five years of reporting (2021–2025): per year a "6 tháng cuối năm" round with estimates and a
  "Năm" round with official figures; every submission saved, submitted and accepted (the last
  round is still open: its submissions are in every state); accepted `Figure` rows, task
  statuses, evidence files (a small PDF under MEDIA_ROOT for a quarter of the submissions),
  notifications and the audit entries each service step writes.

The shortcut: after `plan_load`, rows are written with `bulk_create` rather than through the
services (round_open, submission_save/submit/accept, evidence_add, user_create), which would take
minutes per province. The rows are the ones the services would write: the same states,
versions (+1 per write), timestamps in order, Figure ↔ SubmissionFigure links, task statuses
taken from the accepted report, the same audit entry shapes (object type, action, changes),
and the reporting units and items chosen by the same selectors as `round_open`.

Deterministic: every value comes from `random.Random(f"{seed}-{province}")` and every
timestamp from the calendar (plan-load audit times are set to the plan's issue date), so the
same seed gives the same data (primary keys aside, when the database is not empty).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from tiendo.accounts.models import Profile, Role
from tiendo.audit.models import AuditAction, AuditEntry
from tiendo.indicators.models import Figure
from tiendo.indicators.services import indicator_catalogue_ensure
from tiendo.org.models import OrgUnit, OrgUnitKind, OrgUnitSuccession, SuccessionKind
from tiendo.plans.models import (
    Assignment,
    AssignmentRole,
    Plan,
    PlanRevision,
    Target,
    TargetKind,
    Task,
    TaskStatus,
)
from tiendo.plans.services import plan_builtin_document, plan_load
from tiendo.reporting.models import (
    Evidence,
    Notification,
    PeriodKind,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionFigure,
    SubmissionState,
    SubmissionTask,
)
from tiendo.reporting.selectors import assigned_items_for_units

PROVINCES = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
]
DEPARTMENTS = [
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-cong-thuong", "Sở Công Thương"),
    ("so-nong-nghiep-va-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("so-xay-dung", "Sở Xây dựng"),
    ("so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-y-te", "Sở Y tế"),
    ("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch"),
    ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ"),
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tu-phap", "Sở Tư pháp"),
    ("so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo"),
    ("cuc-thong-ke-tinh", "Cục Thống kê tỉnh"),
]
DISTRICTS = 8
COMMUNES_PER_DISTRICT = 3
YEARS = range(2021, 2026)
MERGE_DATE = dt.date(2025, 7, 1)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_PASSWORD = "demo-tiendo-2025"


@dataclass
class DemoResult:
    plans: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def province_slug(name: str) -> str:
    table = str.maketrans(
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
        "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd",
    )
    return "-".join(name.lower().translate(table).split())


def demo_plan_code(index: int) -> str:
    return f"demo-{province_slug(PROVINCES[index])}-2020-2025"


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _document(index: int) -> dict[str, Any]:
    name = PROVINCES[index]
    slug = province_slug(name)
    base = plan_builtin_document()
    text = json.dumps(base, ensure_ascii=False).replace("Lạng Sơn", name)
    doc: dict[str, Any] = json.loads(text)
    keys = {u["key"] for u in base["units"]}

    def key(k: str | None) -> str | None:
        return f"{slug}-{k}" if k in keys else k

    doc["code"] = demo_plan_code(index)
    doc["number"] = f"{index + 10}-CTr/TU"
    doc["issuing_unit"] = key(doc["issuing_unit"])
    doc["area"] = key(doc["area"])
    for unit in doc["units"]:
        unit["key"] = key(unit["key"])
        unit["parent"] = key(unit["parent"])
        if name not in unit["name"]:
            unit["name"] = f"{unit['name']} {name}"
    for assignment in doc["assignments"]:
        assignment["unit"] = key(assignment["unit"])
    for deadline in doc["deadlines"]:
        deadline["units"] = [key(u) for u in deadline["units"]]
    return copy.deepcopy(doc)


class _Audit:
    """Audit entries shaped like the services' ones (audit_record), written in bulk."""

    def __init__(self, plan_code: str) -> None:
        self.plan_code = plan_code
        self.rows: list[AuditEntry] = []

    def add(
        self,
        *,
        at: dt.datetime,
        actor: Any,
        action: str,
        object_type: str,
        object_id: Any,
        label: str,
        changes: dict[str, Any],
        reason: str = "",
        plan_code: str | None = None,
    ) -> None:
        self.rows.append(
            AuditEntry(
                at=at,
                actor=actor,
                actor_label=actor.get_username() if actor is not None else "hệ thống",
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                object_label=label[:300],
                plan_code=self.plan_code if plan_code is None else plan_code,
                changes=changes,
                reason=reason,
            )
        )


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


def _province(index: int, seed: int, password_hash: str, media_root: Path) -> dict[str, int]:
    rng = random.Random(f"{seed}-{index}")
    name = PROVINCES[index]
    slug = province_slug(name)
    document = _document(index)
    plan = plan_load(document=document, reason=f"Dữ liệu mẫu: tỉnh {name}").plan
    issued = _at(plan.issue_date or dt.date(2021, 1, 1))
    AuditEntry.objects.filter(plan_code=plan.code).update(at=issued)
    PlanRevision.objects.filter(plan=plan).update(created_at=issued)
    audit = _Audit(plan.code)

    # --- Units: departments, districts, communes and the 2025 mergers.
    created = dt.date(2019, 1, 1)
    abolished = MERGE_DATE - dt.timedelta(days=1)
    units: list[OrgUnit] = [
        OrgUnit(
            code=f"{slug}-{code}",
            name=f"{title} {name}",
            short_name=title,
            kind=OrgUnitKind.DEPARTMENT,
        )
        for code, title in DEPARTMENTS
    ]
    districts = [
        OrgUnit(
            code=f"{slug}-huyen-{d + 1}",
            name=f"Huyện {d + 1} ({name})",
            kind=OrgUnitKind.DISTRICT,
            valid_from=created,
            valid_to=abolished,
        )
        for d in range(DISTRICTS)
    ]
    OrgUnit.objects.bulk_create(units + districts)
    communes: list[OrgUnit] = []
    merged: list[OrgUnit] = []
    for d, district in enumerate(districts):
        for c in range(COMMUNES_PER_DISTRICT):
            communes.append(
                OrgUnit(
                    code=f"{slug}-xa-{d + 1}-{c + 1}",
                    name=f"{'Phường' if c == 2 else 'Xã'} {d + 1}.{c + 1} ({name})",
                    kind=OrgUnitKind.WARD if c == 2 else OrgUnitKind.COMMUNE,
                    parent=district,
                    valid_from=created,
                    valid_to=abolished if c < 2 else None,
                )
            )
        merged.append(
            OrgUnit(
                code=f"{slug}-xa-moi-{d + 1}",
                name=f"Xã mới {d + 1} ({name})",
                kind=OrgUnitKind.COMMUNE,
                valid_from=MERGE_DATE,
            )
        )
    OrgUnit.objects.bulk_create(communes + merged)
    successions = [
        OrgUnitSuccession(
            predecessor=communes[d * COMMUNES_PER_DISTRICT + c],
            successor=merged[d],
            kind=SuccessionKind.MERGE,
            effective_date=MERGE_DATE,
            legal_basis="Nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025",
        )
        for d in range(DISTRICTS)
        for c in range(2)
    ]
    OrgUnitSuccession.objects.bulk_create(successions)
    for unit in units + districts + communes + merged:
        audit.add(
            at=issued,
            actor=None,
            action=AuditAction.CREATE,
            object_type="org.orgunit",
            object_id=unit.pk,
            label=str(unit),
            changes={
                "name": {"before": None, "after": unit.name},
                "kind": {"before": None, "after": unit.kind},
            },
            reason="Bộ dữ liệu mẫu",
            plan_code="",
        )

    # --- Lead assignments: every target and task to a department.
    targets = list(Target.objects.filter(plan=plan).order_by("position"))
    tasks = list(Task.objects.filter(plan=plan).order_by("position"))
    assignments = [
        Assignment(plan=plan, unit=units[n % len(units)], role=AssignmentRole.LEAD, target=t)
        for n, t in enumerate(targets)
    ] + [
        Assignment(plan=plan, unit=units[(n * 5) % len(units)], role=AssignmentRole.LEAD, task=t)
        for n, t in enumerate(tasks)
    ]
    Assignment.objects.bulk_create(assignments)
    for a in assignments:
        ref = a.target or a.task
        assert ref is not None
        audit.add(
            at=issued,
            actor=None,
            action=AuditAction.CREATE,
            object_type="plans.assignment",
            object_id=a.pk,
            label=f"{a.unit} – {ref.code}",
            changes={
                "unit": {"before": None, "after": a.unit.code},
                "role": {"before": None, "after": AssignmentRole.LEAD.value},
                "target" if a.target else "task": {"before": None, "after": ref.code},
            },
        )

    # --- Accounts: one monitor, one leader, a reporter per reporting unit.
    # the units that lead something (they report once their reporter accounts exist, below)
    reporting_units = sorted(
        {a.unit_id: a.unit for a in assignments}.values(), key=lambda u: u.name
    )
    office = OrgUnit.objects.get(code=f"{slug}-van-phong-tinh-uy")
    user_model = get_user_model()
    people = [(f"{slug}.theodoi", Role.MONITOR, office), (f"{slug}.lanhdao", Role.LEADER, None)]
    people += [
        (f"{slug}.{u.code[len(slug) + 1 :]}"[:150], Role.REPORTER, u) for u in reporting_units
    ]
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=username,
                password=password_hash,
                first_name="Cán bộ",
                last_name=str(unit or name),
                date_joined=issued,
            )
            for username, _role, unit in people
        ]
    )
    Profile.objects.bulk_create(
        [
            Profile(user=user, unit=unit, role=role)
            for user, (_u, role, unit) in zip(users, people, strict=True)
        ]
    )
    Profile.objects.filter(user__in=users).update(created_at=issued)
    for user, (username, role, home) in zip(users, people, strict=True):
        audit.add(
            at=issued,
            actor=None,
            action=AuditAction.CREATE,
            object_type="auth.user",
            object_id=user.pk,
            label=username,
            changes={
                "username": {"before": None, "after": username},
                "email": {"before": None, "after": ""},
                "role": {"before": None, "after": str(role)},
                "unit": {"before": None, "after": home.code if home else None},
            },
            plan_code="",
        )
    monitor = users[0]
    reporter_of = {unit.pk: users[n + 2] for n, unit in enumerate(reporting_units)}

    # --- Rounds: per year an estimate round (6 tháng cuối năm) and an official one (Năm).
    items = assigned_items_for_units(plan=plan, unit_ids=[u.pk for u in reporting_units])
    schedule: list[tuple[str, int, int, dt.date, dt.date, str]] = []
    for year in YEARS:
        schedule.append(
            (PeriodKind.HALF, year, 2, dt.date(year, 11, 15), dt.date(year, 12, 10), "estimate")
        )
        schedule.append(
            (
                PeriodKind.YEAR,
                year,
                1,
                dt.date(year + 1, 2, 15),
                dt.date(year + 1, 3, 15),
                "official",
            )
        )
    rounds = ReportingRound.objects.bulk_create(
        [
            ReportingRound(
                plan=plan,
                period_kind=kind,
                year=year,
                number=number,
                opens_on=opens,
                deadline=deadline,
                status=RoundStatus.OPEN if n == len(schedule) - 1 else RoundStatus.CLOSED,
                created_at=_at(opens, 8),
                created_by=monitor,
            )
            for n, (kind, year, number, opens, deadline, _t) in enumerate(schedule)
        ]
    )
    through = ReportingRound.units.through
    through.objects.bulk_create(
        [through(reportinground_id=r.pk, orgunit_id=u.pk) for r in rounds for u in reporting_units]
    )
    task_status: dict[int, str] = {t.pk: t.status for t in tasks}
    estimates: dict[tuple[int, int], Decimal] = {}
    counts = {"rounds": len(rounds), "submissions": 0, "figures": 0, "evidence": 0}
    for n, rnd in enumerate(rounds):
        last = n == len(rounds) - 1
        figure_type = schedule[n][5]
        audit.add(
            at=rnd.created_at,
            actor=monitor,
            action=AuditAction.CREATE,
            object_type="reporting.reportinground",
            object_id=rnd.pk,
            label=str(rnd),
            changes={
                "period": {"before": None, "after": str(rnd.period_label())},
                "opens_on": {"before": None, "after": rnd.opens_on.isoformat()},
                "deadline": {"before": None, "after": rnd.deadline.isoformat()},
                "units": {"before": None, "after": sorted(u.code for u in reporting_units)},
            },
        )
        plans_for: list[tuple[OrgUnit, str, dt.datetime, dt.datetime]] = []
        for unit in reporting_units:
            state: str
            if last:
                state = rng.choice(
                    [SubmissionState.DRAFT, SubmissionState.SUBMITTED, SubmissionState.RETURNED]
                    + [SubmissionState.ACCEPTED] * 2
                )
            else:
                state = SubmissionState.ACCEPTED
            sent = _at(rnd.deadline - dt.timedelta(days=rng.randint(0, 10)), rng.randint(8, 16))
            reviewed = sent + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
            plans_for.append((unit, state, sent, reviewed))
        subs = Submission.objects.bulk_create(
            [
                Submission(
                    round=rnd,
                    unit=unit,
                    state=state,
                    version={"draft": 2, "submitted": 3, "returned": 4, "accepted": 4}[state],
                    return_reason=(
                        "Đề nghị bổ sung nguồn số liệu."
                        if state == SubmissionState.RETURNED
                        else ""
                    ),
                    created_at=rnd.created_at,
                    updated_at=reviewed if state in ("accepted", "returned") else sent,
                    updated_by=monitor
                    if state in ("accepted", "returned")
                    else reporter_of[unit.pk],
                    submitted_at=None if state == SubmissionState.DRAFT else sent,
                    returned_at=reviewed if state == SubmissionState.RETURNED else None,
                    accepted_at=reviewed if state == SubmissionState.ACCEPTED else None,
                    reviewed_by=monitor if state in ("accepted", "returned") else None,
                )
                for unit, state, sent, reviewed in plans_for
            ]
        )
        counts["submissions"] += len(subs)
        sub_figures: list[SubmissionFigure] = []
        sub_tasks: list[SubmissionTask] = []
        accepted_figures: list[tuple[SubmissionFigure, Figure]] = []
        notes: list[Notification] = []
        evidence: list[Evidence] = []
        for sub, (unit, state, sent, reviewed) in zip(subs, plans_for, strict=True):
            reporter = reporter_of[unit.pk]
            unit_targets, unit_tasks = items.get(unit.pk, ([], []))
            saved: dict[str, Any] = {}
            mine: list[SubmissionFigure] = []
            for target in unit_targets:
                value = _value(target, rnd.year, rng)
                if figure_type == "official" and value is not None:
                    estimate = estimates.get((target.pk, rnd.year), value)
                    value = (estimate * Decimal(str(rng.uniform(0.97, 1.03)))).quantize(
                        Decimal("0.01")
                    )
                    if target.unit.strip().startswith("%"):
                        value = min(value, Decimal(100))
                elif value is not None:
                    estimates[(target.pk, rnd.year)] = value
                item = SubmissionFigure(
                    submission=sub,
                    target=target,
                    year=rnd.year,
                    value=value,
                    figure_type=figure_type,
                    source="Cục Thống kê tỉnh" if value is not None else "",
                )
                mine.append(item)
                if value is not None:
                    saved[f"{target.code}.value"] = {"before": None, "after": str(value)}
            sub_figures += mine
            progress = min(100, (rnd.year - 2020) * 20 + rng.randint(-10, 10))
            status: str = (
                TaskStatus.DONE
                if progress >= 95
                else (TaskStatus.DELAYED if rng.random() < 0.1 else TaskStatus.IN_PROGRESS)
            )
            for task in unit_tasks:
                sub_tasks.append(
                    SubmissionTask(
                        submission=sub,
                        task=task,
                        status=status,
                        percent_done=max(0, progress),
                        narrative="Đang triển khai theo kế hoạch.",
                    )
                )
                saved[f"{task.code}.status"] = {"before": task_status[task.pk], "after": status}
            label = f"{unit} – {rnd.period_label()}"
            audit.add(
                at=rnd.created_at,
                actor=monitor,
                action=AuditAction.CREATE,
                object_type="reporting.submission",
                object_id=sub.pk,
                label=label,
                changes={
                    "targets": {"before": None, "after": [t.code for t in unit_targets]},
                    "tasks": {"before": None, "after": [t.code for t in unit_tasks]},
                },
            )
            saved_at = sent - dt.timedelta(hours=2)
            audit.add(
                at=saved_at,
                actor=reporter,
                action=AuditAction.UPDATE,
                object_type="reporting.submission",
                object_id=sub.pk,
                label=label,
                changes=saved,
            )
            if rng.random() < 0.25 and state != SubmissionState.DRAFT:
                file_name = f"evidence/{rnd.pk}/{unit.pk}/bao-cao-{rnd.year}.pdf"
                path = media_root / file_name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(PDF)
                evidence.append(
                    Evidence(
                        submission=sub,
                        file=file_name,
                        name=f"bao-cao-{rnd.year}.pdf",
                        kind="pdf",
                        size=len(PDF),
                        uploaded_at=saved_at,
                        uploaded_by=reporter,
                    )
                )
            if state == SubmissionState.DRAFT:
                continue
            audit.add(
                at=sent,
                actor=reporter,
                action=AuditAction.STATE,
                object_type="reporting.submission",
                object_id=sub.pk,
                label=label,
                changes={"state": {"before": "draft", "after": "submitted"}},
            )
            if state == SubmissionState.RETURNED:
                audit.add(
                    at=reviewed,
                    actor=monitor,
                    action=AuditAction.STATE,
                    object_type="reporting.submission",
                    object_id=sub.pk,
                    label=label,
                    changes={"state": {"before": "submitted", "after": "returned"}},
                    reason=sub.return_reason,
                )
            if state != SubmissionState.ACCEPTED:
                continue
            for item in mine:
                if item.value is None:
                    continue
                accepted_figures.append(
                    (
                        item,
                        Figure(
                            indicator_id=item.target.indicator_ref_id or 0,
                            area_id=plan.area_id or 0,
                            reported_by_id=sub.unit_id,
                            year=item.year,
                            value=item.value,
                            figure_type=item.figure_type,
                            source=item.source,
                            accepted_at=reviewed,
                            accepted_by=monitor,
                        ),
                    )
                )
            for task in unit_tasks:
                task_status[task.pk] = status
            notes += [
                Notification(
                    user=reporter,
                    submission=sub,
                    subject=f"Báo cáo {rnd.period_label()} đã được chấp nhận",
                    body="Văn phòng đã chấp nhận báo cáo của đơn vị.",
                    created_at=reviewed,
                    read_at=reviewed + dt.timedelta(days=1),
                )
            ]
        Figure.objects.bulk_create([f for _i, f in accepted_figures])
        for item, figure in accepted_figures:
            item.figure = figure
            audit.add(
                at=figure.accepted_at,
                actor=monitor,
                action=AuditAction.CREATE,
                object_type="indicators.figure",
                object_id=figure.pk,
                label=f"Chỉ tiêu {item.target.code} năm {figure.year}",
                changes={
                    "year": {"before": None, "after": figure.year},
                    "value": {"before": None, "after": str(figure.value)},
                    "figure_type": {"before": None, "after": figure.figure_type},
                    "qualifier": {"before": None, "after": figure.qualifier},
                    "corrects": {"before": None, "after": None},
                },
            )
        by_sub: dict[int, list[str]] = {}
        for item, _figure in accepted_figures:
            by_sub.setdefault(item.submission.pk, []).append(item.target.code)
        for sub, (unit, state, _sent, reviewed) in zip(subs, plans_for, strict=True):
            if state == SubmissionState.ACCEPTED:
                audit.add(
                    at=reviewed,
                    actor=monitor,
                    action=AuditAction.STATE,
                    object_type="reporting.submission",
                    object_id=sub.pk,
                    label=f"{unit} – {rnd.period_label()}",
                    changes={
                        "state": {"before": "submitted", "after": "accepted"},
                        "figures": {"before": None, "after": by_sub.get(sub.pk, [])},
                    },
                )
        SubmissionFigure.objects.bulk_create(sub_figures, batch_size=1000)
        SubmissionTask.objects.bulk_create(sub_tasks, batch_size=1000)
        Notification.objects.bulk_create(notes)
        Evidence.objects.bulk_create(evidence)
        counts["figures"] += len(accepted_figures)
        counts["evidence"] += len(evidence)
    for status in set(task_status.values()):
        Task.objects.filter(pk__in=[pk for pk, s in task_status.items() if s == status]).update(
            status=status
        )
    AuditEntry.objects.bulk_create(audit.rows, batch_size=1000)
    counts["audit"] = len(audit.rows)
    counts["units"] = len(units + districts + communes + merged) + len(document["units"])
    counts["users"] = len(users)
    return counts


def demo_generate(
    *, provinces: int, seed: int = 1, password: str = DEMO_PASSWORD, media_root: Path | None = None
) -> DemoResult:
    """Create the first `provinces` provinces' data (see module doc); provinces whose plan is
    already held are skipped, so a larger N later adds the missing ones."""
    if not 1 <= provinces <= len(PROVINCES):
        raise ValueError(f"provinces must be 1..{len(PROVINCES)}")
    root = Path(media_root or settings.MEDIA_ROOT)
    password_hash = make_password(password)
    result = DemoResult()
    totals: dict[str, int] = {}
    indicator_catalogue_ensure()
    for index in range(provinces):
        code = demo_plan_code(index)
        if Plan.objects.filter(code=code).exists():
            result.skipped.append(code)
            continue
        with transaction.atomic():
            counts = _province(index, seed, password_hash, root)
        result.plans.append(code)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    result.counts = totals
    return result
