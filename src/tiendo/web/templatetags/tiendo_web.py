"""Template filters of the web pages."""

from __future__ import annotations

from django import template

from tiendo.evaluation.adapters import document_target_meaning, target_meaning_text
from tiendo.evaluation.labels import status_text
from tiendo.plans.models import Target

register = template.Library()


@register.filter
def meaning(target: Target) -> str:
    """The target's meaning in Vietnamese words ("Đến năm 2025 đạt khoảng 6.650 triệu USD")."""
    return target_meaning_text(target=target)


@register.filter
def document_meaning(item: dict[str, object]) -> str:
    """The meaning of a target as a plan document (a revision's snapshot) records it."""
    return document_target_meaning(item=item)


@register.filter
def status_label(status: object) -> str:
    """A status's name in the interface language ("Đạt" / "Achieved")."""
    return str(status_text(status))
