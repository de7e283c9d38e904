"""Writes of plans, one module per concern:

- `documents`: loading a plan document (create or update, with a revision), publishing a draft,
  the built-in plan;
- `assignments`: who leads a target, and handing responsibilities to a unit's successor;
- `delegations`: handing a program, target or task on (phân công thực hiện), ending a
  delegation, resolving a group into its member units.
- `editing`: one target, task or breakthrough added, changed or removed in a form (through
  `plan_load`, so a form edit and an upload make the same kind of revision);
- `register`: the register of implementing documents (record, change, remove, open the file).
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
from .editing import (
    PlanDecision,
    plan_breakthrough_remove,
    plan_breakthrough_save,
    plan_target_check,
    plan_target_remove,
    plan_target_save,
    plan_task_remove,
    plan_task_save,
)
from .register import (
    DocumentInput,
    document_input_from_codes,
    implementing_document_delete,
    implementing_document_file_attach,
    implementing_document_file_open,
    implementing_document_record,
    implementing_document_update,
    register_file_validate,
)

__all__ = [
    "BUILTIN_PLAN_FILE",
    "Actor",
    "CheckedDocument",
    "DelegationPreview",
    "DelegationRequest",
    "DocumentInput",
    "ItemChange",
    "PlanDecision",
    "PlanLoadResult",
    "delegation_create",
    "delegation_end",
    "delegation_end_preview",
    "delegations_create",
    "delegations_preview",
    "document_input_from_codes",
    "group_resolve",
    "implementing_document_delete",
    "implementing_document_file_attach",
    "implementing_document_file_open",
    "implementing_document_record",
    "implementing_document_update",
    "node_label",
    "plan_breakthrough_remove",
    "plan_breakthrough_save",
    "plan_builtin_document",
    "plan_builtin_ensure",
    "plan_close_mark",
    "plan_document_check",
    "plan_load",
    "plan_load_checked",
    "plan_publish",
    "plan_revision_record",
    "plan_target_check",
    "plan_target_remove",
    "plan_target_save",
    "plan_task_remove",
    "plan_task_save",
    "register_file_validate",
    "target_assign",
    "unit_succession_record",
]
