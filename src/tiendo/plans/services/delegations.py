"""Writes of delegation (phân công thực hiện): a body that leads or coordinates a program,
target or task hands it on, whole or in part, to other units; the office resolves a collective
body (a group such as “Các sở, ban, ngành tỉnh”) into its member units; a delegation ends.

A delegation is an `Assignment` below the delegating unit's active node for that item (a
program-level node covers the program's targets and tasks). Nothing is rewritten: ending sets an
end date, a new delegation is a new row. Every write is permission-checked here and audited.

Rules (each refused with a Vietnamese message naming the item):
- one reporting lead per target or task at a time (a second whole-item lead below the same
  body, or beside the plan text's lead, is refused; hand on a part, or end the first);
- the delegate exists on the start date and is not the delegating body or one above it (no
  cycles); a lead is a single unit, not a group;
- the delegation starts no earlier than the node it hangs below, and ends no later;
- a coordinator hands on coordination only.

`delegations_create` is the bulk path (one query for the plan's nodes, one insert, one insert of
audit entries, whatever the number of delegations): the form, the API and a demo loader use it.

Over 600 lines on purpose: every rule above is checked against the same in-memory tree in one
pass (preview and write share it), and splitting the checks from the writes would duplicate
the tree's loading.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiendo.accounts.permissions import (
    require_delegation_manager,
    require_delegator,
)
from tiendo.accounts.selectors import reporter_unit_ids
from tiendo.audit.models import AuditAction
from tiendo.audit.services import Actor, AuditRow, audit_record_many, audit_row
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.org.selectors import unit_is_valid_on

from ..coverage import CoverageGap, ItemCoverage, coverage_compute, plan_nodes, unit_label
from ..models import (
    Assignment,
    AssignmentOrigin,
    AssignmentRole,
    ImplementingDocument,
    Plan,
    Program,
    Target,
    Task,
)

HAND_ON_ROLES = (AssignmentRole.LEAD, AssignmentRole.COORDINATE)


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class DelegationRequest:
    """Hand `program`, `target` or `task` (none of them: the whole plan, for groups) on to
    `to_unit`, below `from_unit`'s node for it; without `from_unit` the office gives the role
    directly (a root, where the plan text names nobody). `valid_from` None: as long as the node
    it hangs below (for set-up scripts; the pages and the API always give a date)."""

    to_unit: OrgUnit
    role: str
    from_unit: OrgUnit | None = None
    program: Program | None = None
    target: Target | None = None
    task: Task | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    basis_document: ImplementingDocument | None = None
    basis_text: str = ""
    part: str = ""

    @property
    def label(self) -> str:
        if self.program is not None:
            return _("chương trình %(n)s") % {"n": self.program.number}
        if self.target is not None:
            return _("chỉ tiêu %(c)s") % {"c": self.target.code}
        if self.task is not None:
            return _("nhiệm vụ %(c)s") % {"c": self.task.code}
        return _("toàn chương trình")


@dataclass(frozen=True)
class ItemChange:
    """How one target or task would be reported before and after (for the confirm step)."""

    before: ItemCoverage
    after: ItemCoverage


@dataclass
class DelegationPreview:
    """What a batch of delegations would create; nothing is written."""

    nodes: list[Assignment]
    skipped: list[str] = field(default_factory=list)
    changes: list[ItemChange] = field(default_factory=list)
    on: dt.date | None = None


def node_label(node: Assignment) -> str:
    if node.program_id is not None:
        return _("chương trình %(n)s") % {"n": node.program.number}  # type: ignore[union-attr]
    if node.target_id is not None:
        return _("chỉ tiêu %(c)s") % {"c": node.target.code}  # type: ignore[union-attr]
    if node.task_id is not None:
        return _("nhiệm vụ %(c)s") % {"c": node.task.code}  # type: ignore[union-attr]
    return _("toàn chương trình")


class _Scopes:
    """Which program each target and task of the plan belongs to (two queries)."""

    def __init__(self, plan: Plan) -> None:
        self.target_program = dict(Target.objects.filter(plan=plan).values_list("pk", "program_id"))
        self.task_program = dict(Task.objects.filter(plan=plan).values_list("pk", "program_id"))

    def program_of(self, node: Assignment | DelegationRequest) -> int | None:
        program_id, target_id, task_id = _ids(node)
        if program_id is not None:
            return program_id
        if target_id is not None:
            return self.target_program.get(target_id)
        if task_id is not None:
            return self.task_program.get(task_id)
        return None

    def covers(self, node: Assignment, request: DelegationRequest) -> bool:
        """`node`'s scope contains the request's item."""
        n_program, n_target, n_task = _ids(node)
        r_program, r_target, r_task = _ids(request)
        if n_program is None and n_target is None and n_task is None:
            return r_program is None and r_target is None and r_task is None
        if n_program is not None:
            return r_program == n_program or (
                r_program is None and self.program_of(request) == n_program
            )
        if n_target is not None:
            return r_target == n_target
        return r_task == n_task

    def intersect(
        self, a: Assignment | DelegationRequest, b: Assignment | DelegationRequest
    ) -> bool:
        """The two scopes share a target or task (or are the same plan-level scope)."""
        a_ids, b_ids = _ids(a), _ids(b)
        if a_ids == b_ids:
            return True
        if a_ids[0] is not None:
            return self.program_of(b) == a_ids[0]
        if b_ids[0] is not None:
            return self.program_of(a) == b_ids[0]
        return False


def _ids(node: Assignment | DelegationRequest) -> tuple[int | None, int | None, int | None]:
    if isinstance(node, Assignment):
        return node.program_id, node.target_id, node.task_id
    return (
        node.program.pk if node.program is not None else None,
        node.target.pk if node.target is not None else None,
        node.task.pk if node.task is not None else None,
    )


def _overlap(
    a_from: dt.date | None, a_to: dt.date | None, b_from: dt.date | None, b_to: dt.date | None
) -> bool:
    return (a_to is None or b_from is None or b_from <= a_to) and (
        b_to is None or a_from is None or a_from <= b_to
    )


def _role_label(role: str) -> str:
    return str(AssignmentRole(role).label).lower() if role in AssignmentRole.values else role


@dataclass
class _Prepared:
    nodes: list[Assignment]
    skipped: list[str]
    existing: list[Assignment]


def _prepare(
    *,
    actor: Actor,
    plan: Plan,
    requests: Sequence[DelegationRequest],
    check_actor: bool,
    skip_held: bool,
    existing: list[Assignment] | None = None,
) -> _Prepared:
    """Validate a batch and build its (unsaved) nodes. Raises NotAllowed, or ValidationError
    with every problem found (nothing is written either way)."""
    existing = plan_nodes(plan=plan) if existing is None else existing
    by_pk = {n.pk: n for n in existing}
    scopes = _Scopes(plan)
    errors: list[str] = []
    skipped: list[str] = []
    new: list[Assignment] = []
    for req in requests:
        label = req.label
        if check_actor:
            if req.from_unit is None:
                require_delegation_manager(actor)
            else:
                require_delegator(actor, req.from_unit.pk)
        for item in (req.program, req.target, req.task):
            if item is not None and item.plan_id != plan.pk:
                raise ValidationError(_("%(l)s không thuộc chương trình này.") % {"l": label})
        if req.role not in AssignmentRole.values:
            errors.append(_("Vai trò không hợp lệ."))
            continue
        start, end = req.valid_from, req.valid_to
        if start is not None and end is not None and end < start:
            errors.append(_("Ngày kết thúc phải sau ngày bắt đầu."))
            continue
        if not (req.basis_text.strip() or req.basis_document is not None):
            errors.append(_("Cần ghi căn cứ phân công (văn bản, hoặc quyết định ghi bằng lời)."))
            continue
        if req.basis_document is not None and req.basis_document.plan_id != plan.pk:
            errors.append(_("Văn bản căn cứ không thuộc chương trình này."))
            continue
        to = req.to_unit
        whole_lead = req.role == AssignmentRole.LEAD and not req.part.strip()
        if req.role == AssignmentRole.LEAD and to.kind == OrgUnitKind.GROUP:
            errors.append(
                _(
                    "“%(u)s” là nhóm cơ quan, không thể chủ trì %(l)s; hãy giao cho một đơn vị "
                    "cụ thể."
                )
                % {"u": to, "l": label}
            )
            continue
        parent: Assignment | None = None
        if req.from_unit is not None:
            frm = req.from_unit
            held = [
                n
                for n in existing
                if n.unit_id == frm.pk
                and scopes.covers(n, req)
                and (n.valid_to is None or start is None or n.valid_to >= start)
            ]
            if start is not None:
                in_force = [n for n in held if n.active_on(start)]
            else:
                in_force = [n for n in held if n.valid_to is None]
            if not in_force:
                later = [n for n in held if n.valid_from is not None and start is not None]
                if later:
                    first = min(n.valid_from for n in later if n.valid_from is not None)
                    errors.append(
                        _(
                            "Phân công %(l)s bắt đầu %(s)s, trước ngày %(u)s được giao "
                            "(%(p)s): phân công cấp dưới không bắt đầu trước cấp trên."
                        )
                        % {"l": label, "s": _d(start), "u": frm, "p": _d(first)}
                    )
                else:
                    errors.append(
                        _("“%(u)s” không chủ trì hay phối hợp %(l)s%(on)s nên không thể giao tiếp.")
                        % {
                            "u": frm,
                            "l": label,
                            "on": (_(" vào ngày %(d)s") % {"d": _d(start)}) if start else "",
                        }
                    )
                continue
            # its lead node first, then the most specific one
            in_force.sort(key=lambda n: (n.role != AssignmentRole.LEAD, n.program_id is not None))
            parent = in_force[0]
            allowed = HAND_ON_ROLES if parent.role == AssignmentRole.LEAD else (str(parent.role),)
            if req.role not in allowed:
                errors.append(
                    _("“%(u)s” %(r)s %(l)s nên chỉ giao tiếp phần %(r)s, không giao %(q)s.")
                    % {
                        "u": frm,
                        "r": _role_label(parent.role),
                        "l": label,
                        "q": _role_label(req.role),
                    }
                )
                continue
            if parent.valid_to is not None:
                if end is None:
                    end = parent.valid_to
                elif end > parent.valid_to:
                    errors.append(
                        _(
                            "Phân công %(l)s kết thúc sau ngày phân công của “%(u)s” kết thúc "
                            "(%(p)s)."
                        )
                        % {"l": label, "u": frm, "p": _d(parent.valid_to)}
                    )
                    continue
            above: list[int] = []
            node: Assignment | None = parent
            while node is not None:
                above.append(node.unit_id)
                node = by_pk.get(node.parent_id) if node.parent_id is not None else None
            if to.pk in above:
                errors.append(
                    _(
                        "“%(u)s” đã ở trong chuỗi phân công %(l)s phía trên (%(c)s): giao lại sẽ "
                        "thành vòng lặp."
                    )
                    % {
                        "u": to,
                        "l": label,
                        "c": " → ".join(
                            unit_label(by_pk[n].unit) if n in by_pk else str(n)
                            for n in _chain_pks(parent, by_pk)
                        ),
                    }
                )
                continue
        check_day = start or (parent.valid_from if parent is not None else None)
        if check_day is not None:
            if not unit_is_valid_on(unit=to, day=check_day):
                errors.append(
                    _("Đơn vị “%(u)s” không hoạt động vào ngày %(d)s%(v)s.")
                    % {"u": to, "d": _d(check_day), "v": _validity(to)}
                )
                continue
        elif to.valid_from is not None:
            errors.append(
                _("Đơn vị “%(u)s” chỉ hoạt động từ %(d)s: hãy ghi ngày bắt đầu phân công.")
                % {"u": to, "d": _d(to.valid_from)}
            )
            continue
        pool = [*existing, *new]
        same = [
            n
            for n in pool
            if n.unit_id == to.pk
            and n.role == req.role
            and _ids(n) == _ids(req)
            and _overlap(n.valid_from, n.valid_to, start, end)
        ]
        if same:
            message = _("“%(u)s” đã %(r)s %(l)s (%(since)s).") % {
                "u": to,
                "r": _role_label(req.role),
                "l": label,
                "since": _period(same[0]),
            }
            if skip_held:
                skipped.append(message)
                continue
            errors.append(message)
            continue
        if whole_lead:
            parent_pk = parent.pk if parent is not None else None
            rivals = [
                n
                for n in pool
                if n.parent_id == parent_pk
                and n.role == AssignmentRole.LEAD
                and not n.part
                and scopes.intersect(n, req)
                and _overlap(n.valid_from, n.valid_to, start, end)
            ]
            if rivals:
                rival = rivals[0]
                if parent is None:
                    errors.append(
                        _(
                            "%(l)s đã có đơn vị chủ trì “%(u)s” (%(since)s): hãy giao tiếp từ "
                            "“%(u)s”."
                        )
                        % {"l": label.capitalize(), "u": rival.unit, "since": _period(rival)}
                    )
                else:
                    errors.append(
                        _(
                            "Mỗi chỉ tiêu, nhiệm vụ chỉ có một đơn vị chủ trì báo cáo tại một thời "
                            "điểm: %(l)s đã được “%(f)s” giao “%(u)s” chủ trì%(what)s (%(since)s). "
                            "Hãy kết thúc phân công đó trước, hoặc giao một phần."
                        )
                        % {
                            "l": label,
                            "f": parent.unit,
                            "u": rival.unit,
                            "what": "" if _ids(rival) == _ids(req) else " " + node_label(rival),
                            "since": _period(rival),
                        }
                    )
                continue
        node = Assignment(
            plan=plan,
            unit=to,
            role=req.role,
            program=req.program,
            target=req.target,
            task=req.task,
            parent=parent,
            origin=AssignmentOrigin.DELEGATION,
            basis_document=req.basis_document,
            basis_text=req.basis_text.strip(),
            part=req.part.strip(),
            valid_from=start,
            valid_to=end,
        )
        new.append(node)
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    return _Prepared(nodes=new, skipped=skipped, existing=existing)


def _chain_pks(node: Assignment, by_pk: dict[int, Assignment]) -> list[int]:
    chain = [node.pk]
    while node.parent_id is not None and node.parent_id in by_pk:
        node = by_pk[node.parent_id]
        chain.append(node.pk)
    return list(reversed(chain))


def _validity(unit: OrgUnit) -> str:
    if unit.valid_from and unit.valid_to:
        return _(" (hoạt động từ %(a)s đến %(b)s)") % {
            "a": _d(unit.valid_from),
            "b": _d(unit.valid_to),
        }
    if unit.valid_to:
        return _(" (đã thôi hoạt động từ sau %(b)s)") % {"b": _d(unit.valid_to)}
    if unit.valid_from:
        return _(" (hoạt động từ %(a)s)") % {"a": _d(unit.valid_from)}
    return ""


def _period(node: Assignment) -> str:
    if node.valid_from and node.valid_to:
        return _("từ %(a)s đến %(b)s") % {"a": _d(node.valid_from), "b": _d(node.valid_to)}
    if node.valid_from:
        return _("từ %(a)s") % {"a": _d(node.valid_from)}
    if node.valid_to:
        return _("đến %(b)s") % {"b": _d(node.valid_to)}
    return _("từ đầu")


@dataclass
class _Context:
    """What a coverage computation needs besides the nodes (four queries, loaded once)."""

    plan: Plan
    programs: list[Program]
    targets: list[Target]
    tasks: list[Task]
    reporters: set[int]

    @classmethod
    def load(cls, plan: Plan) -> _Context:
        return cls(
            plan=plan,
            programs=list(Program.objects.filter(plan=plan).order_by("number")),
            targets=list(Target.objects.filter(plan=plan).order_by("position")),
            tasks=list(Task.objects.filter(plan=plan).order_by("position")),
            reporters=reporter_unit_ids(),
        )


def _changes(
    *, context: _Context, existing: list[Assignment], new: list[Assignment], on: dt.date
) -> list[ItemChange]:
    """The targets and tasks whose chain or reporter the new nodes change on `on`."""
    common: dict[str, Any] = {
        "plan": context.plan,
        "programs": context.programs,
        "targets": context.targets,
        "tasks": context.tasks,
        "reporter_units": context.reporters,
        "on": on,
    }
    before = coverage_compute(nodes=existing, **common)
    after = coverage_compute(nodes=[*existing, *new], **common)
    changes = []
    for b, a in zip(before.items, after.items, strict=True):
        if (
            [_key_of(n) for n in b.chain] != [_key_of(n) for n in a.chain]
            or b.gap != a.gap
            or len(b.partial) != len(a.partial)
            or len(b.coordinators) != len(a.coordinators)
        ):
            changes.append(ItemChange(before=b, after=a))
    return changes


def _key_of(node: Assignment) -> int:
    return node.pk if node.pk is not None else -id(node)


def _check_no_new_conflict(changes: list[ItemChange]) -> None:
    clashes = [
        c.after
        for c in changes
        if c.after.gap == CoverageGap.SEVERAL_LEADS and c.before.gap != CoverageGap.SEVERAL_LEADS
    ]
    if clashes:
        raise ValidationError(
            [
                _(
                    "Mỗi chỉ tiêu, nhiệm vụ chỉ có một đơn vị chủ trì báo cáo tại một thời điểm: "
                    "%(c)s sẽ có %(n)s đơn vị cùng chủ trì (%(u)s)."
                )
                % {
                    "c": c.code,
                    "n": len(c.competing),
                    "u": ", ".join(unit_label(n.unit) for n in c.competing),
                }
                for c in clashes
            ]
        )


def delegations_preview(
    *,
    actor: Actor,
    plan: Plan,
    requests: Sequence[DelegationRequest],
    skip_held: bool = False,
    check_actor: bool = True,
) -> DelegationPreview:
    """What `delegations_create` would do, without writing: the new nodes and, on the first
    start date, every target and task whose chain or reporting unit changes."""
    prepared = _prepare(
        actor=actor, plan=plan, requests=requests, check_actor=check_actor, skip_held=skip_held
    )
    on = min((r.valid_from for r in requests if r.valid_from), default=timezone.localdate())
    context = _Context.load(plan)
    changes = _changes(context=context, existing=prepared.existing, new=prepared.nodes, on=on)
    _check_no_new_conflict(changes)
    for day in sorted({r.valid_from for r in requests if r.valid_from and r.valid_from != on}):
        _check_no_new_conflict(
            _changes(context=context, existing=prepared.existing, new=prepared.nodes, on=day)
        )
    return DelegationPreview(nodes=prepared.nodes, skipped=prepared.skipped, changes=changes, on=on)


def _audit_items(
    actor: Actor, nodes: Sequence[Assignment], plan: Plan, reason: str
) -> list[AuditRow]:
    return [
        audit_row(
            actor=actor,
            action=AuditAction.CREATE,
            obj=node,
            object_label=f"{node.unit} – {node.get_role_display()} – {node_label(node)}",
            changes={
                "unit": {"before": None, "after": node.unit.code},
                "role": {"before": None, "after": str(node.role)},
                "scope": {"before": None, "after": node_label(node)},
                "parent": {
                    "before": None,
                    "after": node.parent.unit.code if node.parent is not None else None,
                },
                "origin": {"before": None, "after": str(node.origin)},
                "valid_from": {"before": None, "after": _iso(node.valid_from)},
                "valid_to": {"before": None, "after": _iso(node.valid_to)},
                "basis": {
                    "before": None,
                    "after": node.basis_document.number
                    if node.basis_document is not None
                    else node.basis_text,
                },
                **({"part": {"before": None, "after": node.part}} if node.part else {}),
            },
            reason=reason
            or node.basis_text
            or (node.basis_document.number if node.basis_document else ""),
            plan_code=plan.code,
        )
        for node in nodes
    ]


@transaction.atomic
def delegations_create(
    *,
    actor: Actor,
    plan: Plan,
    requests: Sequence[DelegationRequest],
    reason: str = "",
    skip_held: bool = False,
    check_actor: bool = True,
) -> list[Assignment]:
    """Create a batch of delegations, all or nothing. Whatever the batch size: a few reads, one
    insert of the nodes and one insert of their audit entries (one entry per delegation).
    `skip_held` leaves out a unit that already holds the same role for the same item (group
    resolution) instead of refusing. `check_actor=False` is for set-up scripts (demo data)."""
    prepared = _prepare(
        actor=actor, plan=plan, requests=requests, check_actor=check_actor, skip_held=skip_held
    )
    context = _Context.load(plan)
    for day in sorted({r.valid_from or timezone.localdate() for r in requests}):
        _check_no_new_conflict(
            _changes(context=context, existing=prepared.existing, new=prepared.nodes, on=day)
        )
    created = Assignment.objects.bulk_create(prepared.nodes)
    audit_record_many(rows=_audit_items(actor, created, plan, reason))
    return created


def delegation_create(
    *,
    actor: Actor,
    plan: Plan,
    from_unit: OrgUnit | None,
    to_units: Sequence[OrgUnit],
    role: str,
    programs: Sequence[Program] = (),
    targets: Sequence[Target] = (),
    tasks: Sequence[Task] = (),
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    basis_document: ImplementingDocument | None = None,
    basis_text: str = "",
    part: str = "",
    preview: bool = False,
) -> list[Assignment] | DelegationPreview:
    """Hand programs, targets and tasks (many at once) from `from_unit` on to one or more
    units, as lead (chủ trì) or coordinator (phối hợp), with a basis and dates. With
    `preview`, nothing is written and the preview of the change is returned."""
    if role not in HAND_ON_ROLES:
        raise ValidationError(_("Chỉ giao chủ trì hoặc phối hợp."))
    if not to_units:
        raise ValidationError(_("Hãy chọn ít nhất một đơn vị được giao."))
    if not (programs or targets or tasks):
        raise ValidationError(_("Hãy chọn ít nhất một chương trình, chỉ tiêu hay nhiệm vụ."))
    items: list[tuple[Program | None, Target | None, Task | None]] = [
        *((p, None, None) for p in programs),
        *((None, t, None) for t in targets),
        *((None, None, t) for t in tasks),
    ]
    requests = [
        DelegationRequest(
            to_unit=unit,
            role=role,
            from_unit=from_unit,
            program=program,
            target=target,
            task=task,
            valid_from=valid_from,
            valid_to=valid_to,
            basis_document=basis_document,
            basis_text=basis_text,
            part=part,
        )
        for unit in to_units
        for program, target, task in items
    ]
    if preview:
        return delegations_preview(actor=actor, plan=plan, requests=requests)
    return delegations_create(actor=actor, plan=plan, requests=requests)


def _descendants(node: Assignment, nodes: Sequence[Assignment]) -> list[Assignment]:
    children: dict[int, list[Assignment]] = defaultdict(list)
    for n in nodes:
        if n.parent_id is not None:
            children[n.parent_id].append(n)
    found: list[Assignment] = []
    frontier = [node.pk]
    while frontier:
        nxt = []
        for pk in frontier:
            for child in children.get(pk, []):
                found.append(child)
                nxt.append(child.pk)
        frontier = nxt
    return found


def delegation_end_preview(
    *, actor: Actor, node: Assignment, end_date: dt.date
) -> list[Assignment]:
    """The node and the nodes below it that `delegation_end` would end on `end_date`; raises
    the same refusals."""
    _end_check(actor=actor, node=node, end_date=end_date)
    below = [
        n
        for n in _descendants(node, plan_nodes(plan=node.plan))
        if n.valid_to is None or n.valid_to > end_date
    ]
    late = [n for n in below if n.valid_from is not None and n.valid_from > end_date]
    if late:
        raise ValidationError(
            [
                _(
                    "Phân công cấp dưới “%(u)s” – %(l)s bắt đầu %(s)s, sau ngày kết thúc: hãy "
                    "kết thúc nó trước (từ ngày bắt đầu của nó)."
                )
                % {"u": n.unit, "l": node_label(n), "s": _d(n.valid_from)}
                for n in late
            ]
        )
    return [node, *below]


def _end_check(*, actor: Actor, node: Assignment, end_date: dt.date) -> None:
    parent_unit_id = node.parent.unit_id if node.parent is not None else None
    require_delegator(actor, parent_unit_id)
    if node.parent_id is None and node.origin != AssignmentOrigin.DELEGATION:
        raise ValidationError(
            _(
                "Phân công theo văn bản chương trình chỉ thay đổi khi bổ sung, điều chỉnh chương "
                "trình (hoặc khi đơn vị được sáp nhập, chia tách)."
            )
        )
    if node.valid_to is not None and node.valid_to <= end_date:
        raise ValidationError(_("Phân công này đã kết thúc ngày %(d)s.") % {"d": _d(node.valid_to)})
    if node.valid_from is not None and end_date < node.valid_from:
        raise ValidationError(
            _("Ngày kết thúc phải từ ngày bắt đầu (%(d)s) trở đi.") % {"d": _d(node.valid_from)}
        )


@transaction.atomic
def delegation_end(
    *, actor: Actor, node: Assignment, end_date: dt.date, reason: str
) -> list[Assignment]:
    """End a delegation on `end_date` (its last day), and every delegation below it that runs
    longer. The rows stay, with their dates. Returns the nodes ended."""
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do kết thúc phân công."))
    node = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("plan", "unit", "parent__unit", "program", "target", "task")
        .get(pk=node.pk)
    )
    ended = delegation_end_preview(actor=actor, node=node, end_date=end_date)
    items = []
    for n in ended:
        before = n.valid_to
        n.valid_to = end_date
        items.append(
            audit_row(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=n,
                object_label=f"{n.unit} – {n.get_role_display()} – {node_label(n)}",
                changes={"valid_to": {"before": _iso(before), "after": end_date.isoformat()}},
                reason=reason.strip(),
                plan_code=node.plan.code,
            )
        )
    Assignment.objects.bulk_update(ended, ["valid_to"])
    audit_record_many(rows=items)
    return ended


def _group_requests(
    *,
    plan: Plan,
    group: OrgUnit,
    members: Sequence[OrgUnit],
    valid_from: dt.date,
    valid_to: dt.date | None,
    basis_document: ImplementingDocument | None,
    basis_text: str,
) -> list[DelegationRequest]:
    if group.kind != OrgUnitKind.GROUP:
        raise ValidationError(_("“%(u)s” không phải là nhóm cơ quan.") % {"u": group})
    members = [m for m in members if m.pk != group.pk]
    if not members:
        raise ValidationError(_("Hãy chọn các đơn vị thành viên của nhóm."))
    held = [
        n
        for n in Assignment.objects.filter(plan=plan, unit=group).select_related(
            "program", "target", "task"
        )
        if n.active_on(valid_from)
    ]
    if not held:
        raise ValidationError(
            _("“%(u)s” không có phân công nào trong chương trình vào ngày %(d)s.")
            % {"u": group, "d": _d(valid_from)}
        )
    return [
        DelegationRequest(
            to_unit=member,
            role=str(n.role),
            from_unit=group,
            program=n.program,
            target=n.target,
            task=n.task,
            valid_from=valid_from,
            valid_to=valid_to,
            basis_document=basis_document,
            basis_text=basis_text,
        )
        for n in held
        for member in members
    ]


def group_resolve(
    *,
    actor: Actor,
    plan: Plan,
    group: OrgUnit,
    members: Sequence[OrgUnit],
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    basis_document: ImplementingDocument | None = None,
    basis_text: str = "",
    preview: bool = False,
) -> list[Assignment] | DelegationPreview:
    """Resolve a collective body (“Các sở, ban, ngành tỉnh”) into its member units: each of the
    group's active assignments in the plan is handed on to each member, with the same role and
    scope. A member that already holds it is left out. The office only."""
    require_delegation_manager(actor)
    requests = _group_requests(
        plan=plan,
        group=group,
        members=members,
        valid_from=valid_from,
        valid_to=valid_to,
        basis_document=basis_document,
        basis_text=basis_text,
    )
    if preview:
        return delegations_preview(actor=actor, plan=plan, requests=requests, skip_held=True)
    return delegations_create(
        actor=actor,
        plan=plan,
        requests=requests,
        skip_held=True,
        reason=_("Cụ thể hóa nhóm “%(g)s” thành các đơn vị thành viên") % {"g": group},
    )
