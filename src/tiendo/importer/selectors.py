"""Reads for the import review: the draft, its source document, each item beside its source line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from tiendo.indicators.models import Indicator
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
    confidence: str = ""  # "high" | "medium" | "low" as the reader said; "" for tasks
    reason: str = ""  # the reader's reason, in Vietnamese
    reviewed: bool = False  # the office has saved or confirmed it since
    indicator_state: str = ""  # "catalogue" | "new" (made by this import) | "" (none)
    indicator_how: str = ""  # how the import matched it: "name" | "synonym" | "new" | ""

    @property
    def uncertain(self) -> bool:
        """The reader was unsure and the office has not looked at it yet."""
        return self.confidence in ("low", "medium") and not self.reviewed


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
    #: the targets the reader was unsure of and the office has not looked at: the least sure
    #: first, then in the document's order
    uncertain: list[ReviewItem]


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
    proposed = {t["code"]: t for t in proposal.get("targets", [])}
    task_lines = {t["code"]: t.get("line") for t in proposal.get("tasks", [])}
    created = set(proposal.get("created_indicators", []))
    matched = proposal.get("indicators", {})
    reviewed = set(proposal.get("reviewed", []))

    def source(line: int | None) -> str:
        return lines[line - 1].strip() if line and 0 < line <= len(lines) else ""

    def target_item(target: Target) -> ReviewItem:
        said = proposed.get(target.code, {})
        line = said.get("line")
        ref = target.indicator_ref
        return ReviewItem(
            obj=target,
            line=line,
            source_line=source(line),
            confidence=said.get("confidence", ""),
            reason=said.get("reason", ""),
            reviewed=target.code in reviewed,
            indicator_state=("" if ref is None else "new" if ref.code in created else "catalogue"),
            indicator_how=matched.get(target.code, {}).get("how", ""),
        )

    programs = [
        ReviewProgram(
            program=program,
            targets=[target_item(t) for t in program.targets.all()],
            tasks=[
                ReviewItem(
                    obj=t, line=task_lines.get(t.code), source_line=source(task_lines.get(t.code))
                )
                for t in program.tasks.all()
            ],
        )
        for program in plan.programs.all()
    ]
    order = {"low": 0, "medium": 1}
    uncertain = sorted(
        (item for p in programs for item in p.targets if item.uncertain),
        key=lambda item: order[item.confidence],
    )
    return Review(
        plan=plan,
        imported=imported,
        programs=programs,
        unparsed=list(imported.unparsed) if imported else [],
        warnings=list(imported.warnings) if imported else [],
        uncertain=uncertain,
    )


def indicator_choices(*, unit: str) -> list[tuple[str, list[Indicator]]]:
    """The catalogue for choosing a target's indicator: those of the target's unit first (a
    yearly rate "%/năm" also matches "%"), then the others; one query."""
    units = {unit.strip().casefold(), re.sub(r"\s*/\s*năm$", "", unit).strip().casefold()}
    same: list[Indicator] = []
    others: list[Indicator] = []
    for indicator in Indicator.objects.order_by("name", "code"):
        (same if indicator.unit.strip().casefold() in units else others).append(indicator)
    return [("same", same), ("others", others)]
