"""Rounding for people and exact division (50 significant digits)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = ["PRECISION", "PROGRESS_QUANTUM", "SHOWN_QUANTUM", "divide", "rounded"]


PROGRESS_QUANTUM = Decimal("0.1")

SHOWN_QUANTUM = Decimal("0.01")

PRECISION = 50


def rounded(value: Decimal, quantum: Decimal = SHOWN_QUANTUM) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def divide(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return a / b
