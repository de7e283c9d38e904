"""The move from "a figure belongs to a target" to "a figure belongs to an indicator, a year and
an area" loses nothing: on a populated database migrated from the earlier schema, every figure,
correction link, submission link and audit entry is accounted for, by count and by content.
Runs on SQLite and on PostgreSQL (CI runs the suite on both)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("indicators", "0001_move_figure"),
    ("plans", "0002_assignment_unique_partial"),
    ("reporting", "0004_move_figure"),
]
AT = dt.datetime(2024, 12, 20, 9, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to `targets`; the models as they were there (with the audit log and users)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    graph = executor.loader.graph
    also = [n for n in graph.leaf_nodes() if n[0] in {"audit", "auth"}]
    return executor.loader.project_state([*targets, *also]).apps


def _populate(apps: Any) -> dict[str, Any]:
    OrgUnit = apps.get_model("org", "OrgUnit")
    Plan = apps.get_model("plans", "Plan")
    Program = apps.get_model("plans", "Program")
    Target = apps.get_model("plans", "Target")
    Figure = apps.get_model("indicators", "Figure")
    Round = apps.get_model("reporting", "ReportingRound")
    Submission = apps.get_model("reporting", "Submission")
    SubmissionFigure = apps.get_model("reporting", "SubmissionFigure")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    User = apps.get_model("auth", "User")

    office = User.objects.create(username="vanphong")
    issuer = OrgUnit.objects.create(
        code="ban-chap-hanh-dang-bo-tinh-lang-son",
        name="Ban Chấp hành Đảng bộ tỉnh Lạng Sơn",
        kind="party_executive",
    )
    other_issuer = OrgUnit.objects.create(
        code="ban-chap-hanh-dang-bo-xa-tan-thanh",
        name="Ban Chấp hành Đảng bộ xã Tân Thanh",
        kind="party_committee",
    )
    department = OrgUnit.objects.create(
        code="so-nong-nghiep", name="Sở Nông nghiệp", kind="department"
    )
    plans, targets = {}, {}
    for code, unit, years in [
        ("tinh-2020-2025", issuer, (2020, 2025)),
        ("tinh-2025-2030", issuer, (2025, 2030)),
        ("xa-2020-2025", other_issuer, (2020, 2025)),
    ]:
        plan = Plan.objects.create(
            code=code,
            title=f"Chương trình {code}",
            issuing_unit=unit,
            term_from_year=years[0],
            term_to_year=years[1],
            status="active",
        )
        program = Program.objects.create(plan=plan, number=1, title="Kinh tế")
        plans[code] = plan
        for t_code, name, unit_text, kind in [
            ("1.1", "Độ che phủ rừng", "%", "level"),
            ("1.2", "Số đảng viên mới được kết nạp", "đảng viên", "annual"),
            ("1.3", "Bảo đảm an ninh", "", "qualitative"),
        ]:
            targets[(code, t_code)] = Target.objects.create(
                plan=plan,
                program=program,
                code=t_code,
                kind=kind,
                comparator="" if kind == "qualitative" else "ge",
                value=None if kind == "qualitative" else Decimal("65"),
                from_year=None if kind == "level" else years[0] + 1,
                to_year=years[1],
                indicator=name,
                unit=unit_text,
            )
    forest = targets[("tinh-2020-2025", "1.1")]
    rnd = Round.objects.create(
        plan=plans["tinh-2020-2025"],
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        created_at=AT,
    )
    submission = Submission.objects.create(
        round=rnd,
        unit=department,
        state="accepted",
        created_at=AT,
        updated_at=AT,
        submitted_at=AT,
        accepted_at=AT,
    )
    first = Figure.objects.create(
        target=forest,
        year=2024,
        value=Decimal("64.5"),
        figure_type="estimate",
        source="Báo cáo của Sở",
        note="ước",
        accepted_at=AT,
        accepted_by=office,
    )
    correction = Figure.objects.create(
        target=forest,
        year=2024,
        value=Decimal("64.8"),
        figure_type="estimate",
        corrects=first,
        correction_reason="Số liệu rà soát",
        accepted_at=AT,
    )
    SubmissionFigure.objects.create(
        submission=submission, target=forest, year=2024, value=Decimal("64.8"), figure=correction
    )
    others = [
        Figure.objects.create(
            target=targets[(plan, "1.2")],
            year=year,
            value=Decimal(value),
            figure_type="official",
            qualifier="more_than",
            accepted_at=AT,
        )
        for plan, year, value in [
            ("tinh-2020-2025", 2023, "2100"),
            ("tinh-2025-2030", 2026, "2200"),
            ("xa-2020-2025", 2023, "12"),
        ]
    ]
    figures = [first, correction, *others]
    for figure in figures:
        AuditEntry.objects.create(
            at=AT,
            actor_label="vanphong",
            action="create",
            object_type="reporting.figure",
            object_id=str(figure.pk),
            object_label=f"{figure.year}: {figure.value}",
            changes={"value": {"before": None, "after": str(figure.value)}},
            plan_code="tinh-2020-2025",
        )
    return {
        "figures": {
            f.pk: (f.target_id, f.year, f.value, f.figure_type, f.qualifier, f.source, f.note)
            for f in figures
        },
        "corrects": {f.pk: f.corrects_id for f in figures},
        "first": first.pk,
        "correction": correction.pk,
        "department": department.pk,
        "audit": sorted(
            AuditEntry.objects.values_list("object_type", "object_id", "object_label", "changes")
        ),
        "targets": {key: t.pk for key, t in targets.items()},
    }


@pytest.mark.django_db(transaction=True)
def test_every_figure_correction_and_audit_entry_keeps_its_meaning() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        before = _populate(_migrate(BEFORE))
        apps = _migrate(latest)
        Figure = apps.get_model("indicators", "Figure")
        Target = apps.get_model("plans", "Target")
        OrgUnit = apps.get_model("org", "OrgUnit")
        AuditEntry = apps.get_model("audit", "AuditEntry")
        SubmissionFigure = apps.get_model("reporting", "SubmissionFigure")

        assert Figure.objects.count() == len(before["figures"])
        province = OrgUnit.objects.get(code="tinh-lang-son")
        assert (province.name, province.kind) == ("Tỉnh Lạng Sơn", "province")
        commune = OrgUnit.objects.get(code="xa-tan-thanh")
        assert commune.kind == "commune"
        for pk, (target_id, year, value, kind, qualifier, source, note) in before[
            "figures"
        ].items():
            figure = Figure.objects.get(pk=pk)
            target = Target.objects.select_related("plan").get(pk=target_id)
            assert (
                figure.year,
                figure.value,
                figure.figure_type,
                figure.qualifier,
                figure.source,
                figure.note,
            ) == (year, value, kind, qualifier, source, note)
            assert figure.indicator_id == target.indicator_ref_id is not None
            assert figure.area_id == target.plan.area_id
            assert figure.corrects_id == before["corrects"][pk]
        correction = Figure.objects.get(pk=before["correction"])
        assert correction.correction_reason == "Số liệu rà soát"
        assert correction.reported_by_id == before["department"]
        assert Figure.objects.get(pk=before["first"]).reported_by_id is None
        assert SubmissionFigure.objects.get().figure_id == before["correction"]

        # The same indicator serves both provincial plans; each plan's area is its territory.
        t = before["targets"]
        a = Target.objects.get(pk=t[("tinh-2020-2025", "1.2")])
        b = Target.objects.get(pk=t[("tinh-2025-2030", "1.2")])
        c = Target.objects.get(pk=t[("xa-2020-2025", "1.2")])
        assert a.indicator_ref_id == b.indicator_ref_id == c.indicator_ref_id
        assert a.plan.area_id == b.plan.area_id == province.pk != c.plan.area_id
        assert Target.objects.get(pk=t[("tinh-2020-2025", "1.3")]).indicator_ref_id is None

        # Audit entries are never rewritten.
        assert (
            sorted(
                AuditEntry.objects.values_list(
                    "object_type", "object_id", "object_label", "changes"
                )
            )
            == before["audit"]
        )
    finally:
        _migrate(latest)
