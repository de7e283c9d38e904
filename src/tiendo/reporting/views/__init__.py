"""Pages of reporting, one module per concern. Views are thin: they read with selectors, write
with services, and render a page or (for htmx requests) its fragment. Permission errors
(NotAllowed) become 403 pages with the Vietnamese reason; unknown ids become 404.

- `unit`: “Việc của đơn vị”, the reporter's page;
- `submissions`: a submission's form and review, its evidence files, the inline value check;
- `rounds`: the rounds, opening one, its progress, urging;
- `audit_log`: the audit log;
- `inbox`: notifications.
"""

from .audit_log import audit_list
from .inbox import notification_read, notifications
from .rounds import round_create, round_detail, round_list, round_urge
from .submissions import (
    evidence_download,
    evidence_remove,
    evidence_upload,
    figure_check,
    submission_detail,
    submission_review,
)
from .unit import workspace

__all__ = [
    "audit_list",
    "evidence_download",
    "evidence_remove",
    "evidence_upload",
    "figure_check",
    "notification_read",
    "notifications",
    "round_create",
    "round_detail",
    "round_list",
    "round_urge",
    "submission_detail",
    "submission_review",
    "workspace",
]
