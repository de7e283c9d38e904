"""Writes of reporting, one module per concern. Every service checks who is acting
(tiendo.accounts.permissions), works inside a transaction and records what it changed in the
audit log.

- `rounds`: open a round (a submission per reporting unit) and close it;
- `inputs`: what a reporter typed for a figure or a task, and its checks;
- `submissions`: save, submit, return;
- `acceptance`: accept (accepted figures through `figures_record`, task statuses);
- `evidence`: files attached to a submission;
- `notifications`: in-app notifications to a unit's reporters, and to the office of a report
  sent;
- `urging`: digests to units that are late (previewed before sending), reminders before and
  after a deadline.

The steps of a submission come in two forms: for one submission (`submission_save`, ...), as
the pages and the API use them, and for many at once (`submissions_save`, ...: a fixed number
of queries, as the demo data uses them); the first calls the second, so each rule is written
once. Services that record an act take its time (`at=`, now by default).

Callers import from here (`from tiendo.reporting.services import submission_save`).
"""

from ._common import Actor, StaleVersion, SubmissionStep
from .acceptance import submission_accept, submissions_accept
from .evidence import (
    EvidenceUpload,
    evidence_add,
    evidence_delete,
    evidence_max_bytes,
    evidence_open,
    evidence_validate,
    evidences_add,
)
from .inputs import (
    FIGURE_DECIMALS,
    FIGURE_FIELDS,
    TASK_FIELDS,
    TEXT_LIMITS,
    FigureInput,
    TaskInput,
    figure_value_parse,
)
from .notifications import notification_mark_read, office_notify_sent
from .rounds import round_close, round_open
from .submissions import (
    SubmissionDraft,
    submission_return,
    submission_save,
    submission_submit,
    submissions_return,
    submissions_save,
    submissions_submit,
)
from .urging import (
    UrgeCandidate,
    reminders_due_send,
    units_needing_urge,
    units_urge,
    urge_preview,
)

__all__ = [
    "FIGURE_DECIMALS",
    "FIGURE_FIELDS",
    "TASK_FIELDS",
    "TEXT_LIMITS",
    "Actor",
    "EvidenceUpload",
    "FigureInput",
    "StaleVersion",
    "SubmissionDraft",
    "SubmissionStep",
    "TaskInput",
    "UrgeCandidate",
    "evidence_add",
    "evidence_delete",
    "evidence_max_bytes",
    "evidence_open",
    "evidence_validate",
    "evidences_add",
    "figure_value_parse",
    "notification_mark_read",
    "office_notify_sent",
    "reminders_due_send",
    "round_close",
    "round_open",
    "submission_accept",
    "submission_return",
    "submission_save",
    "submission_submit",
    "submissions_accept",
    "submissions_return",
    "submissions_save",
    "submissions_submit",
    "units_needing_urge",
    "units_urge",
    "urge_preview",
]
