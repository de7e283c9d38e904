"""Writes of plans, one module per concern:

- `documents`: loading a plan document (create or update, with a revision), publishing a draft,
  the built-in plan;
- `assignments`: who leads a target, and handing responsibilities to a unit's successor;
- `delegations`: handing a program, target or task on (phân công thực hiện), ending a
  delegation, resolving a group into its member units.
"""

from .assignments import target_assign, unit_succession_record
from .delegations import (
    DelegationPreview,
    DelegationRequest,
    ItemChange,
    delegation_create,
    delegation_end,
    delegation_end_preview,
    delegations_create,
    delegations_preview,
    group_resolve,
    node_label,
)
from .documents import (
    BUILTIN_PLAN_FILE,
    Actor,
    CheckedDocument,
    PlanLoadResult,
    plan_builtin_document,
    plan_builtin_ensure,
    plan_close_mark,
    plan_document_check,
    plan_load,
    plan_load_checked,
    plan_publish,
    plan_revision_record,
)

__all__ = [
    "BUILTIN_PLAN_FILE",
    "Actor",
    "CheckedDocument",
    "DelegationPreview",
    "DelegationRequest",
    "ItemChange",
    "PlanLoadResult",
    "delegation_create",
    "delegation_end",
    "delegation_end_preview",
    "delegations_create",
    "delegations_preview",
    "group_resolve",
    "node_label",
    "plan_builtin_document",
    "plan_builtin_ensure",
    "plan_close_mark",
    "plan_document_check",
    "plan_load",
    "plan_load_checked",
    "plan_publish",
    "plan_revision_record",
    "target_assign",
    "unit_succession_record",
]
