"""The plan's evaluation is reused while none of its inputs changes, and recomputed as soon as
one does (a new figure, an assessment, an audited edit of a target)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from tests.helpers import series_of
from tiendo.evaluation.services import assessment_record, plan_evaluate
from tiendo.indicators.models import Figure
from tiendo.plans.models import Target
from tiendo.plans.services import plan_builtin_document, plan_load


@pytest.mark.django_db
def test_reused_until_an_input_changes(
    builtin_plan, django_assert_max_num_queries, django_assert_num_queries
):
    first = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()
    assert first["5.6"].status == "no_data"
    with django_assert_num_queries(1):  # the stamp of the plan (one plain-SQL fingerprint)
        again = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()
    assert again["5.6"] == first["5.6"]

    target = Target.objects.get(plan=builtin_plan, code="5.6")
    Figure.objects.create(
        **series_of(target),
        year=2025,
        value=Decimal("2.32"),
        figure_type="official",
        accepted_at=timezone.now(),
    )
    assert plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["5.6"].status == "achieved"

    assessment_record(
        target=Target.objects.get(plan=builtin_plan, code="6.6"),
        year=2025,
        status="achieved",
        reasons="Ổn định.",
        actor=None,
    )
    assert plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["6.6"].status == "achieved"

    document = plan_builtin_document()
    next(t for t in document["targets"] if t["code"] == "5.6")["value"] = "2"
    plan_load(document=document, reason="Điều chỉnh")
    assert (
        plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["5.6"].status == "not_achieved"
    )
    assert (
        plan_evaluate(plan=builtin_plan, as_of_year=2024).by_code()["5.6"].status != "not_achieved"
    )


@pytest.mark.django_db
def test_cache_keys_are_safe_for_every_backend(builtin_plan):
    """Issue 13 item 12: no spaces or brackets (memcached refuses them); Django's own check of
    keys raises no CacheKeyWarning."""
    import re
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    from tiendo.evaluation.selectors import evaluation_inputs_version
    from tiendo.evaluation.services import evaluation_cache_key

    key = evaluation_cache_key(
        plan_id=builtin_plan.pk,
        as_of_year=2025,
        inputs=evaluation_inputs_version(plan=builtin_plan),
    )
    assert re.fullmatch(r"[a-z0-9:]+", key) and len(key) < 200
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        plan_evaluate(plan=builtin_plan, as_of_year=2025)
