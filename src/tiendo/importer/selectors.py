"""Reads for the import review: the draft, its source document, each item beside its source line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from tiendo.plans.models import Plan, PlanStatus, Program, Target, Task

from .models import ImportedDocument


def drafts_list() -> QuerySet[Plan]:
    return (
        Plan.objects.filter(status=PlanStatus.DRAFT)
        .annotate(
            target_count=Count("targets", distinct=True), task_count=Count("tasks", distinct=True)
        )
        .prefetch_related(
            Prefetch("imports", queryset=ImportedDocument.objects.select_related("uploaded_by"))
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class ReviewItem:
    obj: Any
    line: int | None
    source_line: str


@dataclass(frozen=True)
class ReviewProgram:
    program: Program
    targets: list[ReviewItem]
    tasks: list[ReviewItem]


@dataclass(frozen=True)
class Review:
    plan: Plan
    imported: ImportedDocument | None
    programs: list[ReviewProgram]
    unparsed: list[dict[str, Any]]
    warnings: list[str]


def import_review(*, code: str) -> Review:
    """The draft plan with every program, target and task, each with the line of the source
    document it came from (when the parser said so). A fixed number of queries."""
    plan = Plan.objects.prefetch_related(
        Prefetch(
            "programs",
            queryset=Program.objects.order_by("number").prefetch_related(
                Prefetch(
                    "targets",
                    queryset=Target.objects.select_related("indicator_ref").order_by("position"),
                ),
                Prefetch("tasks", queryset=Task.objects.order_by("position")),
            ),
        )
    ).get(code=code, status=PlanStatus.DRAFT)
    imported = ImportedDocument.objects.filter(plan=plan).order_by("-uploaded_at", "-id").first()
    lines = imported.text.splitlines() if imported else []
    proposal = imported.proposal if imported else {}
    target_lines = {t["code"]: t.get("line") for t in proposal.get("targets", [])}
    task_lines = {t["code"]: t.get("line") for t in proposal.get("tasks", [])}

    def item(obj: Any, line: int | None) -> ReviewItem:
        text = lines[line - 1].strip() if line and 0 < line <= len(lines) else ""
        return ReviewItem(obj=obj, line=line, source_line=text)

    programs = [
        ReviewProgram(
            program=program,
            targets=[item(t, target_lines.get(t.code)) for t in program.targets.all()],
            tasks=[item(t, task_lines.get(t.code)) for t in program.tasks.all()],
        )
        for program in plan.programs.all()
    ]
    return Review(
        plan=plan,
        imported=imported,
        programs=programs,
        unparsed=list(imported.unparsed) if imported else [],
        warnings=list(imported.warnings) if imported else [],
    )
