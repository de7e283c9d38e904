"""Writes of organisational units, one module per concern:

- `units`: successions between units (end dates, links) and the territory a plan describes;
- `reorganisation`: loading the built-in record of the 2025 reorganisation.
"""

from .reorganisation import (
    ReorganisationResult,
    SuccessionRecorder,
    reorganisation_builtin_ensure,
)
from .units import (
    AREA_KINDS,
    CLOSING_KINDS,
    area_for_issuer,
    area_name_for,
    succession_links_record,
)

__all__ = [
    "AREA_KINDS",
    "CLOSING_KINDS",
    "ReorganisationResult",
    "SuccessionRecorder",
    "area_for_issuer",
    "area_name_for",
    "reorganisation_builtin_ensure",
    "succession_links_record",
]
