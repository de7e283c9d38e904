"""Edits made in the Django admin are in the audit log like every other change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tiendo.audit.models import AuditEntry
from tiendo.plans.models import Target


@pytest.mark.django_db
def test_admin_change_and_delete_are_audited(admin_client, builtin_plan):
    target = Target.objects.get(plan=builtin_plan, code="4.3")
    url = f"/admin/plans/target/{target.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update({"value": "17", "plan": builtin_plan.pk, "program": target.program_id})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Target.objects.get(pk=target.pk).value == Decimal("17")
    entry = AuditEntry.objects.get(
        object_type="plans.target", object_id=str(target.pk), action="update"
    )
    assert list(entry.changes) == ["value"]
    assert (
        Decimal(entry.changes["value"]["before"]) == 16
        and Decimal(entry.changes["value"]["after"]) == 17
    )
    assert entry.actor_label == "admin" and entry.plan_code == builtin_plan.code

    deadline = builtin_plan.deadlines.get()
    response = admin_client.post(
        f"/admin/plans/plandeadline/{deadline.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_type="plans.plandeadline", action="delete").count() == 1
