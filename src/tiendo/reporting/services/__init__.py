"""Writes of reporting, one module per concern. Every service checks who is acting
(tiendo.accounts.permissions), works inside a transaction and records what it changed in the
audit log.

- `rounds`: open a round (a submission per reporting unit) and close it;
- `inputs`: what a reporter typed for a figure or a task, and its checks;
- `submissions`: save, submit, return, accept (accepted figures through `figures_record`);
- `evidence`: files attached to a submission;
- `notifications`: in-app notifications to a unit's reporters;
- `urging`: digests to units that are late, reminders before and after a deadline.

Callers import from here (`from tiendo.reporting.services import submission_save`).
"""

from ._common import Actor, StaleVersion
from .evidence import (
    evidence_add,
    evidence_delete,
    evidence_max_bytes,
    evidence_open,
    evidence_validate,
)
from .inputs import FigureInput, TaskInput, figure_value_parse
from .notifications import notification_mark_read
from .rounds import round_close, round_open
from .submissions import submission_accept, submission_return, submission_save, submission_submit
from .urging import reminders_due_send, units_needing_urge, units_urge

__all__ = [
    "Actor",
    "FigureInput",
    "StaleVersion",
    "TaskInput",
    "evidence_add",
    "evidence_delete",
    "evidence_max_bytes",
    "evidence_open",
    "evidence_validate",
    "figure_value_parse",
    "notification_mark_read",
    "reminders_due_send",
    "round_close",
    "round_open",
    "submission_accept",
    "submission_return",
    "submission_save",
    "submission_submit",
    "units_needing_urge",
    "units_urge",
]
