"""Fixtures of the security and reliability tests (issue 13): the demo set's people."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def people(builtin_plan: Any) -> dict[str, Any]:
    """The demo set (reporters, leader, monitor) plus an administrator; `passwords` by name."""
    from tiendo.accounts.services import user_create
    from tiendo.ops.demo_accounts import demo_set_ensure

    accounts = demo_set_ensure()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[a.username for a in accounts])
    }
    admin, admin_password = user_create(
        actor=None, username="quantri", role="administrator", check_actor=False
    )
    return {
        "plan": builtin_plan,
        "admin": admin,
        "passwords": {**{a.username: a.password for a in accounts}, "quantri": admin_password},
        **users,
    }


@pytest.fixture
def rnd(people: dict[str, Any]) -> Any:
    from tiendo.reporting.services import round_open

    return round_open(
        actor=people["theodoi"],
        plan=people["plan"],
        period_kind="year",
        year=2024,
        opens_on=dt.date(2024, 12, 1),
        deadline=dt.date(2024, 12, 20),
        uncovered_ok=True,  # the plan as built in: some items have no lead with a reporter
    )
