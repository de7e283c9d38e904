"""Small helpers shared by the tests."""

from __future__ import annotations

from typing import Any


def series_of(target: Any) -> dict[str, Any]:
    """The keys of the figure series a target reads: its indicator in its plan's area.
    `Figure.objects.create(**series_of(target), year=…, …)` gives the target a figure."""
    return {"indicator_id": target.indicator_ref_id, "area_id": target.plan.area_id}


def figures_of(target: Any) -> Any:
    """The accepted figures a target reads (a queryset)."""
    from tiendo.indicators.models import Figure

    return Figure.objects.filter(**series_of(target))


def account(username: str, role: str, unit: Any = None) -> Any:
    """A user with this role (and unit), made the way the administrator makes one."""
    from tiendo.accounts.services import user_create

    user, _password = user_create(
        actor=None,
        username=username,
        role=role,
        unit=unit,
        password="mat-khau-rat-dai-9",
        check_actor=False,
    )
    return user


def accept(target: Any, value: str, *, year: int = 2025, reason: str = "") -> None:
    """An official figure of `target` for `year` accepted (a correction when one is held:
    then `reason` is its reason)."""
    from decimal import Decimal

    from tiendo.indicators.services import FigureRecord, figures_record

    figures_record(
        records=[
            FigureRecord(
                **series_of(target), year=year, value=Decimal(value), correction_reason=reason
            )
        ],
        actor=None,
        plan_code=target.plan.code,
    )
