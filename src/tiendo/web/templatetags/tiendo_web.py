"""Template filters and tags of the web pages; the engine's words in the interface language."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tiendo.evaluation import engine
from tiendo.evaluation.adapters import document_target_meaning, target_meaning_text
from tiendo.evaluation.charts import status_swatch_svg
from tiendo.evaluation.labels import status_text
from tiendo.plans.models import Target

register = template.Library()


@register.filter
def meaning(target: Target) -> str:
    """What the target asks, in the interface language ("Đến năm 2025 đạt khoảng 6.650 triệu
    USD" / "By 2025, about 6,650 million USD")."""
    return target_meaning_text(target=target, lang=get_language())


@register.filter
def sentence(evaluation: engine.Evaluation) -> str:
    """The explanation of an evaluation in the interface language."""
    return engine.evaluation_sentence(evaluation, get_language())


@register.filter
def document_meaning(item: dict[str, object]) -> str:
    """The meaning of a target as a plan document (a revision's snapshot) records it."""
    return document_target_meaning(item=item, lang=get_language())


@register.filter
def status_label(status: object) -> str:
    """A status's name in the interface language ("Đạt" / "Achieved")."""
    return str(status_text(status))


@register.simple_tag
def status_swatch(status: str) -> SafeString:
    """The pattern of a status in the bars of the dashboard, as a small square (decorative)."""
    return mark_safe(status_swatch_svg(status=str(status)))  # built from constants, status checked
