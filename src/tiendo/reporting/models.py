"""Reporting: rounds, submissions, evidence, reminders and notifications.

Units report figures and task progress in a round; the office accepts a submission, which turns
its figures into accepted figures (`tiendo.indicators.models.Figure`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tiendo.indicators.models import Figure, FigureType, Qualifier
from tiendo.org.models import OrgUnit
from tiendo.plans.models import Plan, Target, Task, TaskStatus

# --- Reporting rounds -------------------------------------------------------------------------


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF = "half", _("6 tháng")
    QUARTER = "quarter", _("Quý")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã đóng")


class ReportingRound(models.Model):
    """A reporting round (đợt báo cáo): a period of a plan, an opening date, a deadline, and the
    units that must report. Opening a round creates one Submission per unit."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reporting_rounds")
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=8, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("số kỳ trong năm"), default=1)
    opens_on = models.DateField(_("ngày mở"))
    deadline = models.DateField(_("hạn nộp"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    units = models.ManyToManyField(OrgUnit, verbose_name=_("đơn vị phải báo cáo"), related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering = ["-year", "-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period_kind", "year", "number"], name="round_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_kind__in=[k.value for k in PeriodKind]), name="round_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in RoundStatus]), name="round_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(period_kind="year", number=1)
                | Q(period_kind="half", number__gte=1, number__lte=2)
                | Q(period_kind="quarter", number__gte=1, number__lte=4),
                name="round_number_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")), name="round_deadline_after_open"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="round_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label()} – hạn {self.deadline:%d/%m/%Y}"

    def period_label(self) -> str:
        if self.period_kind == PeriodKind.HALF:
            return (
                _("6 tháng đầu năm %(y)s") if self.number == 1 else _("6 tháng cuối năm %(y)s")
            ) % {"y": self.year}
        if self.period_kind == PeriodKind.QUARTER:
            return _("Quý %(n)s năm %(y)s") % {"n": self.number, "y": self.year}
        return _("Năm %(y)s") % {"y": self.year}


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    RESUBMITTED = "resubmitted", _("Đã gửi lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


EDITABLE_STATES = (SubmissionState.DRAFT, SubmissionState.RETURNED)
REVIEWABLE_STATES = (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED)


class Submission(models.Model):
    """One unit's report in one round. `version` grows with every write; a write names the
    version it read and fails when someone else wrote in between (optimistic locking)."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("sửa lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["round", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="submission_unique_unit"),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in SubmissionState]),
                name="submission_state_valid",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="submission_version_positive"),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(return_reason=""),
                name="submission_returned_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
                name="submission_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(accepted_at__isnull=False),
                name="submission_accepted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.round.period_label()}"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def reviewable(self) -> bool:
        return self.state in REVIEWABLE_STATES


class SubmissionFigure(models.Model):
    """The figure a unit reports for one assigned target."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="figures")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(
        _("giá trị"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    figure_type = models.CharField(
        _("loại số liệu"), max_length=16, choices=FigureType.choices, default=FigureType.ESTIMATE
    )
    qualifier = models.CharField(
        _("mức chính xác"), max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    source = models.TextField(_("nguồn, phương pháp"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    figure = models.ForeignKey(
        Figure,
        verbose_name=_("số liệu đã chấp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["submission", "target__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "target"], name="subfigure_unique_target"
            ),
            models.CheckConstraint(
                condition=Q(figure_type__in=[t.value for t in FigureType]),
                name="subfigure_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=[q.value for q in Qualifier]),
                name="subfigure_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="subfigure_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.code} {self.year}: {self.value}"


class SubmissionTask(models.Model):
    """The progress a unit reports on one assigned task."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="tasks")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent_done = models.PositiveSmallIntegerField(
        _("phần trăm hoàn thành"), null=True, blank=True
    )
    narrative = models.TextField(_("kết quả, khó khăn"), blank=True)

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        ordering = ["submission", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "task"], name="subtask_unique_task"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in TaskStatus]), name="subtask_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(percent_done__isnull=True)
                | Q(percent_done__gte=0, percent_done__lte=100),
                name="subtask_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.get_status_display()}"


class EvidenceKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.submission.round_id}/{instance.submission.unit_id}/{filename}"


class Evidence(models.Model):
    """A file attached to a submission. Its kind is read from its content, not its name."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=EvidenceKind.choices)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")
        ordering = ["submission", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EvidenceKind]), name="evidence_kind_valid"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class ReminderTrigger(models.TextChoices):
    MANUAL = "manual", _("Văn phòng gửi")
    BEFORE_DEADLINE = "before_deadline", _("Tự động trước hạn")
    OVERDUE = "overdue", _("Tự động khi quá hạn")


class Reminder(models.Model):
    """One digest sent to one unit: what was sent, to whom, when."""

    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="reminders")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(_("hình thức"), max_length=16, choices=ReminderTrigger.choices)
    sent_at = models.DateTimeField(_("gửi lúc"))
    for_date = models.DateField(_("đôn đốc cho ngày"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipients = models.JSONField(_("người nhận (thư điện tử)"), default=list, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("lần đôn đốc")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trigger__in=[t.value for t in ReminderTrigger]),
                name="reminder_trigger_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sent_at:%d/%m/%Y %H:%M} {self.unit}: {self.subject}"


class Notification(models.Model):
    """An in-app message for one person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.ForeignKey(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"))
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_read_idx")]

    def __str__(self) -> str:
        return self.subject
