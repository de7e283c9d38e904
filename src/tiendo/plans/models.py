"""The action program and what it is made of.

Plan → Program → Target / Task; Breakthroughs serve programs and tasks; Assignments say which
unit leads, coordinates, monitors or mobilizes; ImplementingDocuments register what lead bodies
issue to make the program concrete. A plan's revisions keep every earlier version readable.

Over 600 lines on purpose: these models are one aggregate (a plan and its parts) whose database
constraints reference each other; most of the length is the constraints that hold the rules.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tiendo.indicators.models import Indicator
from tiendo.org.models import OrgUnit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ACTIVE = "active", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class Plan(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    title = models.TextField(_("tên chương trình hành động"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    issuing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_plans",
    )
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("nơi ban hành"), max_length=120, blank=True)
    signer = models.CharField(_("người ký"), max_length=300, blank=True)
    area = models.ForeignKey(
        OrgUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans_for_area",
        help_text=_("Địa bàn mà số liệu của các chỉ tiêu mô tả (thường là tỉnh)."),
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("kế thừa chương trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text=_("Chương trình của nhiệm kỳ trước mà chương trình này tiếp nối."),
    )
    term_from_year = models.PositiveSmallIntegerField(_("từ năm"))
    term_to_year = models.PositiveSmallIntegerField(_("đến năm"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )

    class Meta:
        verbose_name = _("chương trình hành động")
        verbose_name_plural = _("chương trình hành động")
        ordering = ["-term_from_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to_year__gte=F("term_from_year")), name="plan_term_order"
            ),
            models.CheckConstraint(condition=~Q(follows=F("pk")), name="plan_not_own_successor"),
            # A plan in force has an area: its targets' figures describe that area.
            models.CheckConstraint(
                condition=Q(status="draft") | Q(area__isnull=False), name="plan_area_when_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title


class PlanSupersession(models.Model):
    """This plan replaces another document (held in tiendo or not)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="supersedes")
    superseded_plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="superseded_by"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    date = models.DateField(_("ngày"), null=True, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)

    class Meta:
        verbose_name = _("văn bản được thay thế")
        verbose_name_plural = _("văn bản được thay thế")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="supersession_unique"),
            models.CheckConstraint(
                condition=~Q(superseded_plan=F("plan")), name="supersession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class PlanRevision(models.Model):
    """A version of the plan: the first load, and every supplement or adjustment after it
    (section II.4 lets the Standing Committee supplement or adjust the program)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("lần"))
    date = models.DateField(_("ngày"))
    decision_ref = models.CharField(_("văn bản quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    changes = models.JSONField(_("nội dung thay đổi"), default=list)
    snapshot = models.JSONField(_("toàn văn phiên bản"))
    created_at = models.DateTimeField(_("ghi nhận lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} v{self.number}"


class Program(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programs")
    number = models.PositiveSmallIntegerField(_("số"))
    title = models.TextField(_("tên chương trình"))

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="program_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="program_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Chương trình {self.number}: {self.title}"


class TargetKind(models.TextChoices):
    LEVEL = "level", _("Mức đạt được")
    ANNUAL = "annual", _("Hằng năm")
    ANNUAL_REDUCTION = "annual_reduction", _("Giảm hằng năm so với năm trước")
    AVG_GROWTH = "avg_growth", _("Tăng bình quân")
    INCREASE = "increase", _("Tăng thêm trong giai đoạn")
    MAINTAIN = "maintain", _("Duy trì")
    MILESTONE = "milestone", _("Mốc hoàn thành")
    QUALITATIVE = "qualitative", _("Định tính")


QUANTITATIVE_KINDS = (
    TargetKind.LEVEL,
    TargetKind.ANNUAL,
    TargetKind.ANNUAL_REDUCTION,
    TargetKind.AVG_GROWTH,
    TargetKind.INCREASE,
)
PERIOD_KINDS = (
    TargetKind.ANNUAL,
    TargetKind.ANNUAL_REDUCTION,
    TargetKind.AVG_GROWTH,
    TargetKind.INCREASE,
    TargetKind.MAINTAIN,
)
YEARLY_KINDS = (TargetKind.ANNUAL, TargetKind.ANNUAL_REDUCTION, TargetKind.MAINTAIN)


class Comparator(models.TextChoices):
    GE = "ge", _("đạt, ít nhất (≥)")
    GT = "gt", _("trên (>)")
    LE = "le", _("không quá (≤)")
    LT = "lt", _("dưới (<)")
    EQ = "eq", _("bằng (=)")
    APPROX = "approx", _("khoảng (≈)")
    RANGE = "range", _("từ … đến …")


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("mã"), max_length=32)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại chỉ tiêu"), max_length=20, choices=TargetKind.choices)
    comparator = models.CharField(
        _("so sánh"), max_length=8, choices=Comparator.choices, blank=True
    )
    value = models.DecimalField(
        _("giá trị"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    value_high = models.DecimalField(
        _("giá trị cận trên"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    tolerance_pct = models.DecimalField(
        _("dung sai (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị tính"), max_length=120, blank=True)
    from_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    to_year = models.PositiveSmallIntegerField(_("đến năm"))
    indicator = models.TextField(_("tên chỉ tiêu"))
    indicator_ref = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
    )
    source_text = models.TextField(_("nguyên văn"), blank=True)
    baseline_value = models.DecimalField(
        _("giá trị gốc"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in TargetKind]), name="target_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=["", *[c.value for c in Comparator]]),
                name="target_comparator_valid",
            ),
            # A range has both bounds, low below high; nothing else has a high bound.
            models.CheckConstraint(
                condition=(
                    Q(
                        comparator="range",
                        value__isnull=False,
                        value_high__isnull=False,
                        value_high__gt=F("value"),
                    )
                    | (~Q(comparator="range") & Q(value_high__isnull=True))
                ),
                name="target_range_bounds",
            ),
            # Milestones and qualitative targets have no comparator and no number.
            models.CheckConstraint(
                condition=~Q(kind__in=["milestone", "qualitative"])
                | Q(comparator="", value__isnull=True),
                name="target_milestone_qualitative_no_number",
            ),
            # Quantitative kinds have a comparator and a value.
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in QUANTITATIVE_KINDS])
                | (~Q(comparator="") & Q(value__isnull=False)),
                name="target_quantitative_has_value",
            ),
            # A comparator needs a value (maintain targets may have neither).
            models.CheckConstraint(
                condition=Q(comparator="") | Q(value__isnull=False),
                name="target_comparator_has_value",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=[k.value for k in PERIOD_KINDS])
                | Q(from_year__isnull=False, from_year__lte=F("to_year")),
                name="target_period_years",
            ),
            models.CheckConstraint(
                condition=Q(from_year__isnull=True) | Q(from_year__lte=F("to_year")),
                name="target_year_order",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True, baseline_year__isnull=True)
                | Q(baseline_value__isnull=False, baseline_year__isnull=False),
                name="target_baseline_pair",
            ),
            # A target that figures are reported for measures an indicator of the catalogue.
            models.CheckConstraint(
                condition=Q(kind="qualitative") | Q(indicator_ref__isnull=False),
                name="target_measured_has_indicator",
            ),
            models.CheckConstraint(
                condition=Q(tolerance_pct__isnull=True)
                | Q(comparator__in=["approx", "eq"], tolerance_pct__gt=0, tolerance_pct__lt=100),
                name="target_tolerance_only_approx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.indicator}"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang triển khai")
    DONE = "done", _("Hoàn thành")
    DELAYED = "delayed", _("Chậm tiến độ")


class Task(models.Model):
    """A "nhiệm vụ, giải pháp" paragraph of a program."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("mã"), max_length=32)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    due_date = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )

    class Meta:
        verbose_name = _("nhiệm vụ, giải pháp")
        verbose_name_plural = _("nhiệm vụ, giải pháp")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="task_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class Breakthrough(models.Model):
    """A "khâu đột phá"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="breakthroughs")
    number = models.PositiveSmallIntegerField(_("số"))
    text = models.TextField(_("nội dung"))
    programs = models.ManyToManyField(Program, blank=True, related_name="breakthroughs")
    tasks = models.ManyToManyField(Task, blank=True, related_name="breakthroughs")

    class Meta:
        verbose_name = _("khâu đột phá")
        verbose_name_plural = _("khâu đột phá")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="breakthrough_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Đột phá {self.number}: {self.text[:80]}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATE = "coordinate", _("Phối hợp")
    MONITOR = "monitor", _("Theo dõi, đôn đốc")
    MOBILIZE = "mobilize", _("Phát động thi đua")


class AssignmentOrigin(models.TextChoices):
    PLAN = "plan", _("Theo văn bản chương trình")
    DELEGATION = "delegation", _("Phân công thực hiện")
    SUCCESSION = "succession", _("Kế thừa đơn vị")


class Assignment(models.Model):
    """Which unit leads, coordinates, monitors or mobilizes which plan, program, target or task,
    and since when: a node of the responsibility tree.

    The plan text makes the roots (origin plan: section II gives programs 1–6 to the Ban cán sự
    đảng UBND tỉnh); a body hands its part on by delegation (phân công thực hiện: a child node,
    with its basis and dates); a unit succession ends the old unit's nodes the day before and
    gives the successor the same node (origin succession). Nothing is rewritten: an ended node
    keeps its dates, and a new one is a new row.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=16, choices=AssignmentRole.choices)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    source_text = models.TextField(_("căn cứ"), blank=True)
    # RESTRICT, not PROTECT: a node with nodes below cannot be deleted on its own, but removing
    # a target or a whole plan (which cascades to every node of it) still works.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("giao từ"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
    )
    origin = models.CharField(
        _("nguồn"), max_length=16, choices=AssignmentOrigin.choices, default=AssignmentOrigin.PLAN
    )
    basis_document = models.ForeignKey(
        "ImplementingDocument",
        verbose_name=_("văn bản căn cứ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    basis_text = models.TextField(_("căn cứ phân công"), blank=True)
    part = models.TextField(_("phần được giao"), blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["plan", "id"]
        constraints = [
            # At most one of program / target / task: none of them means the whole plan.
            models.CheckConstraint(
                condition=Q(program__isnull=True, target__isnull=True)
                | Q(program__isnull=True, task__isnull=True)
                | Q(target__isnull=True, task__isnull=True),
                name="assignment_single_scope",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=[o.value for o in AssignmentOrigin]),
                name="assignment_origin_valid",
            ),
            # What the plan text says hangs below nobody.
            models.CheckConstraint(
                condition=~Q(origin="plan") | Q(parent__isnull=True),
                name="assignment_plan_origin_is_root",
            ),
            # A delegation or a succession says on what basis.
            models.CheckConstraint(
                condition=Q(origin="plan") | Q(basis_document__isnull=False) | ~Q(basis_text=""),
                name="assignment_handed_on_has_basis",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="assignment_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="assignment_not_own_parent"),
            # One open-ended assignment per unit, role and scope (partial indexes: SQLite and
            # PostgreSQL); ended ones stay beside a new one as the record of who was responsible.
            models.UniqueConstraint(
                fields=["plan", "unit", "role"],
                condition=Q(
                    program__isnull=True, target__isnull=True, task__isnull=True, valid_to=None
                ),
                name="assignment_unique_plan",
            ),
            models.UniqueConstraint(
                fields=["unit", "role", "program"],
                condition=Q(program__isnull=False, valid_to=None),
                name="assignment_unique_program",
            ),
            models.UniqueConstraint(
                fields=["unit", "role", "target"],
                condition=Q(target__isnull=False, valid_to=None),
                name="assignment_unique_target",
            ),
            models.UniqueConstraint(
                fields=["unit", "role", "task"],
                condition=Q(task__isnull=False, valid_to=None),
                name="assignment_unique_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_role_display()} – {self.scope}"

    @property
    def scope(self) -> str:
        if self.program_id:
            return "program"
        if self.target_id:
            return "target"
        if self.task_id:
            return "task"
        return "plan"

    def active_on(self, day: dt.date) -> bool:
        """In force on `day` (no start date: since its parent, or the plan, began)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class PlanDeadline(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    title = models.TextField(_("nội dung"))
    due_date = models.DateField(_("thời hạn"))
    units = models.ManyToManyField(OrgUnit, blank=True, related_name="plan_deadlines")
    source_text = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["plan", "due_date", "id"]

    def __str__(self) -> str:
        return f"{self.due_date:%d/%m/%Y}: {self.title[:80]}"


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONCLUSION = "conclusion", _("Kết luận")
    PROGRAM = "program", _("Chương trình")
    PLAN = "plan", _("Kế hoạch")
    PROJECT = "project", _("Đề án")
    DECISION = "decision", _("Quyết định")
    OTHER = "other", _("Văn bản khác")


def implementing_document_path(instance: ImplementingDocument, filename: str) -> str:
    return f"register/{instance.plan_id}/{instance.issuing_unit_id}/{filename}"


class RegisterFileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


class ImplementingDocument(models.Model):
    """The register of implementing documents (văn bản triển khai): the resolutions, directives,
    programs, plans and projects a unit issued to make the action program concrete (section
    II.2.1 of the built-in plan), with the programs, targets and tasks each implements and the
    file. A unit records its own; the office records for any unit. Obligations and the on-time /
    late / missing view are read in `tiendo.plans.register`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="implementing_documents")
    issuing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="implementing_documents",
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành (như ghi trên văn bản)"), max_length=300, blank=True
    )
    kind = models.CharField(
        _("loại văn bản"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    date = models.DateField(_("ngày ban hành"))
    title = models.TextField(_("trích yếu"))
    programs = models.ManyToManyField(
        Program, blank=True, related_name="implementing_documents", verbose_name=_("chương trình")
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="implementing_documents", verbose_name=_("chỉ tiêu")
    )
    tasks = models.ManyToManyField(
        Task, blank=True, related_name="implementing_documents", verbose_name=_("nhiệm vụ")
    )
    file = models.FileField(
        _("tệp văn bản"), upload_to=implementing_document_path, max_length=300, blank=True
    )
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_kind = models.CharField(
        _("loại tệp"), max_length=8, choices=RegisterFileKind.choices, blank=True
    )
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản triển khai")
        verbose_name_plural = _("văn bản triển khai")
        ordering = ["plan", "date", "number"]
        constraints = [
            # One document is registered once: a number is reused only in another year.
            models.UniqueConstraint(
                fields=["plan", "number", "date"], name="impldoc_unique_number_date"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in DocumentKind]), name="impldoc_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="impldoc_number_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="impldoc_title_not_empty"),
            # A file is a PDF or a DOCX with its size; no file means no kind and no size.
            models.CheckConstraint(
                condition=Q(file="", file_kind="", file_size__isnull=True)
                | (
                    ~Q(file="")
                    & Q(file_kind__in=[k.value for k in RegisterFileKind], file_size__gt=0)
                ),
                name="impldoc_file_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:80]}"
