"""Reads of reporting. Every queryset that feeds a page is built here, with the permission
check for the reader. One module per subject: what units are assigned and owe (`assigned`),
their reports (`submissions`), reporting rounds and the dashboard's panel (`rounds`),
notifications and the signed-in user (`notifications`), the audit log (`audit`)."""

from __future__ import annotations

from tiendo.accounts.permissions import role_of

from .assigned import (
    UnitWork,
    assigned_items_for_units,
    overdue_tasks_by_unit,
    round_not_asked,
    unit_work,
    units_leading,
)
from .audit import AuditFilters, audit_entries, audit_filter_choices
from .notifications import (
    notification_get,
    notifications_for_user,
    notifications_unread_count,
    user_with_unread_get,
)
from .rounds import (
    PanelUnit,
    ProgressRow,
    RoundPanel,
    open_rounds,
    plans_for_round_form,
    round_get,
    round_panels,
    round_panels_version,
    round_progress,
    round_reminders,
    rounds_list,
    units_for_round_form,
)
from .submissions import (
    evidence_get,
    figure_history,
    submission_detail,
    submission_get,
    submission_items_read,
    submission_part_for,
    submission_values,
    submissions_for_workspace,
)

__all__ = [
    "AuditFilters",
    "PanelUnit",
    "ProgressRow",
    "RoundPanel",
    "UnitWork",
    "assigned_items_for_units",
    "audit_entries",
    "audit_filter_choices",
    "evidence_get",
    "figure_history",
    "notification_get",
    "notifications_for_user",
    "notifications_unread_count",
    "open_rounds",
    "overdue_tasks_by_unit",
    "plans_for_round_form",
    "role_of",
    "round_get",
    "round_not_asked",
    "round_panels",
    "round_panels_version",
    "round_progress",
    "round_reminders",
    "rounds_list",
    "submission_detail",
    "submission_get",
    "submission_items_read",
    "submission_part_for",
    "submission_values",
    "submissions_for_workspace",
    "unit_work",
    "units_for_round_form",
    "units_leading",
    "user_with_unread_get",
]
