from django.contrib import admin

from tiendo.audit.admin_mixins import AuditedAdmin

from .models import OrgUnit, OrgUnitSuccession


class SuccessionInline(admin.TabularInline):
    model = OrgUnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "đơn vị kế thừa"
    verbose_name_plural = "đơn vị kế thừa"


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    list_select_related = ["parent"]


@admin.register(OrgUnitSuccession)
class OrgUnitSuccessionAdmin(AuditedAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "legal_basis"]
    list_filter = ["kind"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]
