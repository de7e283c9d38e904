"""Writes of plans, one module per concern:

- `documents`: loading a plan document (create or update, with a revision), publishing a draft,
  the built-in plan;
- `assignments`: who leads a target, and handing responsibilities to a unit's successor;
- `register`: the register of implementing documents (record, change, remove, open the file).
"""

from .assignments import target_assign, unit_succession_record
from .documents import (
    BUILTIN_PLAN_FILE,
    Actor,
    PlanLoadResult,
    plan_builtin_document,
    plan_builtin_ensure,
    plan_close_mark,
    plan_load,
    plan_publish,
    plan_revision_record,
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
    "DocumentInput",
    "PlanLoadResult",
    "document_input_from_codes",
    "implementing_document_delete",
    "implementing_document_file_attach",
    "implementing_document_file_open",
    "implementing_document_record",
    "implementing_document_update",
    "plan_builtin_document",
    "plan_builtin_ensure",
    "plan_close_mark",
    "plan_load",
    "plan_publish",
    "plan_revision_record",
    "register_file_validate",
    "target_assign",
    "unit_succession_record",
]
