"""`tiendo demo generate`: provinces' plans, units with mergers, five years of reporting,
consistent with what the services write, and the same data for the same seed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from tiendo.audit.models import AuditEntry
from tiendo.evaluation.services import plan_evaluate
from tiendo.indicators.models import Figure
from tiendo.ops.demo import demo_generate, demo_plan_code
from tiendo.org.models import OrgUnit, OrgUnitSuccession
from tiendo.plans.models import Plan
from tiendo.reporting.models import Evidence, Submission, SubmissionFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


# Fields of reporting audit entries whose values are primary keys of other rows.
PRIMARY_KEY_FIELDS = {"submission", "figures"}


def _without_keys(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in changes.items() if k not in PRIMARY_KEY_FIELDS}


def content() -> list[Any]:
    """The content, without primary keys."""
    parts: list[Any] = [
        sorted(
            Figure.objects.values_list(
                "area__code", "indicator__code", "year", "figure_type", "value", "accepted_at"
            )
        ),
        sorted(
            Submission.objects.values_list(
                "round__plan__code",
                "round__period_kind",
                "round__year",
                "unit__code",
                "state",
                "version",
                "submitted_at",
            )
        ),
        sorted(
            OrgUnit.objects.values_list("code", "kind", "parent__code", "valid_from", "valid_to")
        ),
        # plan_load's entries name related rows by primary key: their changes are left out;
        # so are the primary keys the reporting entries name (PostgreSQL does not roll back
        # its sequences, so a second run gets other keys).
        sorted(
            (
                str(at),
                action,
                kind,
                label,
                json.dumps(_without_keys(changes), sort_keys=True, default=str)
                if kind.startswith("reporting.")
                else "",
            )
            # (the built-in catalogue of indicators is set-up, loaded at the time it runs)
            for at, action, kind, label, changes in AuditEntry.objects.exclude(
                object_type="indicators.indicator"
            ).values_list("at", "action", "object_type", "actor_label", "changes")
        ),
    ]
    return parts


def test_same_seed_same_data_other_seed_other_data(media: Path) -> None:
    found = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            point = transaction.savepoint()
            demo_generate(provinces=1, seed=seed)
            found.append(content())
            transaction.savepoint_rollback(point)
    for first, again in zip(found[0], found[1], strict=True):
        assert [row for row in first if row not in again] == []
        assert first == again
    assert found[0] != found[2]


def test_generated_province_is_consistent(media: Path, client: Any, django_user_model: Any) -> None:
    result = demo_generate(provinces=2, seed=1)
    assert result.plans == [demo_plan_code(0), demo_plan_code(1)]
    plan = Plan.objects.get(code=demo_plan_code(0))
    assert plan.targets.count() == 53 and plan.tasks.count() == 40
    assert plan.revisions.count() == 1
    # Units: ~60 per province, communes under districts, mergers on 1 July 2025.
    prefix = demo_plan_code(0).removeprefix("demo-").removesuffix("-2020-2025")
    units = OrgUnit.objects.filter(code__startswith=f"{prefix}-")
    assert 55 <= units.count() <= 70
    communes = units.filter(kind__in=["commune", "ward"], parent__isnull=False)
    assert communes.count() == 24
    assert all(c.parent.kind == "district" for c in communes)
    merges = OrgUnitSuccession.objects.filter(successor__code__startswith=f"{prefix}-")
    assert merges.count() == 16
    assert {m.predecessor.valid_to.isoformat() for m in merges} == {"2025-06-30"}
    assert {m.successor.valid_from.isoformat() for m in merges} == {"2025-07-01"}
    # Five years of rounds; every accepted figure comes from an accepted submission.
    assert plan.reporting_rounds.count() == 10
    assert plan.reporting_rounds.filter(status="open").count() == 1
    linked = SubmissionFigure.objects.filter(figure__isnull=False)
    assert linked.count() == Figure.objects.count() > 0
    assert not linked.exclude(submission__state="accepted").exists()
    assert not SubmissionFigure.objects.filter(
        submission__state="accepted", value__isnull=False, figure__isnull=True
    ).exists()
    assert {"estimate", "official"} == set(Figure.objects.values_list("figure_type", flat=True))
    accepted = Submission.objects.filter(state="accepted")
    audited = AuditEntry.objects.filter(
        object_type="reporting.submission", action="state", changes__state__after="accepted"
    )
    assert audited.count() == accepted.count()
    assert (
        AuditEntry.objects.filter(object_type="indicators.figure").count() == Figure.objects.count()
    )
    for evidence in Evidence.objects.all()[:5]:
        assert (media / evidence.file.name).read_bytes().startswith(b"%PDF")
    # The pages and the evaluation work on it.
    result = plan_evaluate(plan=plan, as_of_year=2025)
    assert len(result.evaluations) == 53
    leader = django_user_model.objects.get(username=f"{prefix}.lanhdao")
    assert leader.check_password("demo-tiendo-2025")
    client.force_login(leader)
    assert client.get(f"/plans/{plan.code}/").status_code == 200
    client.force_login(django_user_model.objects.get(username=f"{prefix}.so-tai-chinh"))
    assert client.get("/viec/").status_code == 200


def test_command_skips_provinces_already_there(media: Path, capsys: Any) -> None:
    call_command("demo", "generate", "--provinces", "1")
    call_command("demo", "generate", "--provinces", "2")
    out = capsys.readouterr().out
    assert f"Đã có {demo_plan_code(0)}: bỏ qua." in out
    assert Plan.objects.filter(code__startswith="demo-").count() == 2
