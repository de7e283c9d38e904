from django.contrib import admin
from django.http import HttpRequest

from tiendo.audit.admin_mixins import AuditedAdmin

from .models import (
    Assignment,
    Breakthrough,
    ImplementingDocument,
    Plan,
    PlanDeadline,
    PlanRevision,
    PlanSupersession,
    Program,
    Target,
    Task,
)


class SupersessionInline(admin.TabularInline):
    model = PlanSupersession
    fk_name = "plan"
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["code", "number", "title", "term_from_year", "term_to_year", "status"]
    list_filter = ["status"]
    search_fields = ["code", "number", "title"]
    inlines = [SupersessionInline]


@admin.register(Program)
class ProgramAdmin(AuditedAdmin):
    list_display = ["plan", "number", "title"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = [
        "code",
        "indicator",
        "kind",
        "comparator",
        "value",
        "value_high",
        "unit",
        "from_year",
        "to_year",
    ]
    list_filter = ["plan", "program__number", "kind"]
    search_fields = ["code", "indicator", "source_text"]
    list_select_related = ["plan", "program"]


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["code", "program", "status", "due_date"]
    list_filter = ["plan", "status"]
    search_fields = ["code", "text"]
    list_select_related = ["program"]


@admin.register(Breakthrough)
class BreakthroughAdmin(AuditedAdmin):
    list_display = ["plan", "number", "text"]
    filter_horizontal = ["programs", "tasks"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdmin):
    list_display = ["plan", "unit", "role", "program", "target", "task", "deadline"]
    list_filter = ["plan", "role"]
    autocomplete_fields = ["unit"]
    list_select_related = ["plan", "unit", "program", "target", "task"]


@admin.register(PlanDeadline)
class PlanDeadlineAdmin(AuditedAdmin):
    list_display = ["plan", "due_date", "title"]
    filter_horizontal = ["units"]


@admin.register(ImplementingDocument)
class ImplementingDocumentAdmin(AuditedAdmin):
    list_display = ["number", "date", "kind", "title", "issuing_unit"]
    list_filter = ["plan", "kind"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["issuing_unit"]
    filter_horizontal = ["programs", "targets", "tasks"]
    # Files are checked by their content in the register's form (tiendo.plans.services.register).
    readonly_fields = ["file", "file_name", "file_kind", "file_size", "recorded_at", "recorded_by"]


@admin.register(PlanRevision)
class PlanRevisionAdmin(AuditedAdmin):
    list_display = ["plan", "number", "date", "decision_ref", "reason"]
    readonly_fields = [
        "plan",
        "number",
        "date",
        "decision_ref",
        "reason",
        "changes",
        "snapshot",
        "created_at",
        "created_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
