"""The plan's evaluation is reused while none of its inputs changes, and recomputed as soon as
one does (a new figure, an assessment, an audited edit of a target)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

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
    with django_assert_num_queries(2):  # the targets and the fingerprint of the inputs
        again = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()
    assert again["5.6"] == first["5.6"]

    target = Target.objects.get(plan=builtin_plan, code="5.6")
    Figure.objects.create(
        target=target,
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
def test_cache_keys_suit_every_cache_backend(builtin_plan, monkeypatch):
    """The key holds no space, bracket or other character memcached refuses, and stays short,
    whatever the inputs' fingerprint looks like."""
    import re
    import warnings

    from django.core.cache import cache
    from django.core.cache.backends.base import CacheKeyWarning, memcache_key_warnings

    keys: list[str] = []
    original_set = cache.set

    def recording_set(key, *args, **kwargs):
        keys.append(key)
        return original_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        plan_evaluate(plan=builtin_plan, as_of_year=2025)
        plan_evaluate(plan=builtin_plan, as_of_year=2025)  # read back from the cache
    assert len(keys) == 1
    assert re.fullmatch(r"[a-z0-9:]+", keys[0]) and len(keys[0]) < 100
    assert list(memcache_key_warnings(cache.make_key(keys[0]))) == []
