"""The form of the register of implementing documents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.core.dates import DayField
from tiendo.org.models import OrgUnit, OrgUnitKind
from tiendo.plans.models import DocumentKind, Plan, Program, Target, Task
from tiendo.plans.services import DocumentInput


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class ImplementingDocumentForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị ban hành"), queryset=OrgUnit.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64, required=False)
    date = DayField(label=_("Ngày ban hành"), required=False)
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành (như ghi trên văn bản)"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Ủy ban nhân dân tỉnh Lạng Sơn. Để trống nếu là chính đơn vị."),
    )
    title = forms.CharField(
        label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    programs = forms.ModelMultipleChoiceField(
        label=_("Chương trình"),
        queryset=Program.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    targets = forms.ModelMultipleChoiceField(
        label=_("Chỉ tiêu"), queryset=Target.objects.none(), required=False
    )
    tasks = forms.ModelMultipleChoiceField(
        label=_("Nhiệm vụ"), queryset=Task.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("Tệp văn bản (PDF hoặc Word .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args: Any, plan: Plan, fixed_unit: OrgUnit | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fixed_unit = fixed_unit
        units = OrgUnit.objects.exclude(kind=OrgUnitKind.GROUP).order_by("name")
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        if fixed_unit is not None:
            unit_field.queryset = units.filter(pk=fixed_unit.pk)
            unit_field.disabled = True
            unit_field.initial = fixed_unit.pk
        programs: Any = self.fields["programs"]
        programs.queryset = Program.objects.filter(plan=plan).order_by("number")
        targets: Any = self.fields["targets"]
        targets.queryset = Target.objects.filter(plan=plan).order_by("position")
        tasks: Any = self.fields["tasks"]
        tasks.queryset = Task.objects.filter(plan=plan).order_by("position")

    def document_input(self) -> DocumentInput:
        data = self.cleaned_data
        unit = self.fixed_unit or data.get("unit")
        return DocumentInput(
            unit=unit,
            kind=data.get("kind", ""),
            number=data.get("number", ""),
            date=data.get("date"),
            title=data.get("title", ""),
            issuing_body=data.get("issuing_body", ""),
            programs=list(data.get("programs") or []),
            targets=list(data.get("targets") or []),
            tasks=list(data.get("tasks") or []),
        )

    def chosen(self, name: str) -> set[str]:
        """The ids ticked in a multiple field (as strings), for the template's checkboxes."""
        if self.is_bound:
            data: Any = self.data
            return {str(v) for v in data.getlist(name)}
        initial = self.initial.get(name) or []
        return {str(getattr(v, "pk", v)) for v in initial}

    @staticmethod
    def initial_for(*, unit: OrgUnit | None, program: Program | None) -> dict[str, Any]:
        return {
            "unit": unit.pk if unit else None,
            "kind": DocumentKind.PLAN,
            "programs": [program.pk] if program else [],
        }
