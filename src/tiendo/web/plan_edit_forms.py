"""Forms of the plan editor: one target, task or breakthrough, and the decision that orders the
change. Numbers are typed the Vietnamese way ("6.650", "3,5"); the plan-document rules
themselves (kinds × comparators, ranges, years) are checked by the service, and its errors are
put back next to the field they concern (`document_error_attach`)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.core.dates import DayField
from tiendo.importer.forms import NumberField
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import Comparator, TargetKind, TaskStatus
from tiendo.plans.services import PlanDecision

CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]*$"
CODE_HELP = _("Chữ, số, dấu chấm, gạch ngang; ví dụ 1.12. Không đổi được sau khi thêm.")


def _year_field(label: Any, *, required: bool) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=1945, max_value=2100)


def _code_field() -> forms.RegexField:
    return forms.RegexField(
        label=_("Mã"),
        regex=CODE_PATTERN,
        max_length=32,
        help_text=CODE_HELP,
        error_messages={"invalid": _("Mã chỉ gồm chữ, số, dấu chấm, gạch ngang (ví dụ 1.12).")},
    )


class TargetEditForm(forms.Form):
    """Every field of a target's exact meaning (../shared/seed/README.md)."""

    code = _code_field()
    program = forms.TypedChoiceField(label=_("Thuộc chương trình"), coerce=int)
    indicator = forms.CharField(
        label=_("Tên chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    kind = forms.ChoiceField(label=_("Loại chỉ tiêu"), choices=TargetKind.choices)
    comparator = forms.ChoiceField(
        label=_("Phép so sánh"),
        choices=[("", _("(không có: mốc, định tính)")), *Comparator.choices],
        required=False,
    )
    value = NumberField(label=_("Giá trị mục tiêu"), required=False)
    value_high = NumberField(label=_("Cận trên (chỉ với “từ … đến …”)"), required=False)
    tolerance_pct = NumberField(
        label=_("Dung sai % (chỉ với “khoảng”, “bằng”)"),
        required=False,
        help_text=_("Để trống: khoảng ±5%."),
    )
    unit = forms.CharField(label=_("Đơn vị tính"), required=False, max_length=120)
    from_year = _year_field(_("Từ năm"), required=False)
    to_year = _year_field(_("Đến năm"), required=True)
    baseline_value = NumberField(label=_("Giá trị năm gốc"), required=False)
    baseline_year = _year_field(_("Năm gốc"), required=False)
    source_text = forms.CharField(
        label=_("Nguyên văn trong chương trình"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, programs: list[tuple[int, str]], new: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs  # type: ignore[attr-defined]
        if not new:
            del self.fields["code"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_value = data.get("baseline_value") is not None
        has_year = data.get("baseline_year") is not None
        if has_value and not has_year and "baseline_year" not in self.errors:
            self.add_error("baseline_year", _("Cần ghi năm của giá trị gốc."))
        if has_year and not has_value and "baseline_value" not in self.errors:
            self.add_error("baseline_value", _("Cần ghi giá trị của năm gốc."))
        return data

    def document_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "program": data["program"],
            "kind": data["kind"],
            "comparator": data["comparator"] or None,
            "value": data["value"],
            "value_high": data["value_high"],
            "tolerance_pct": data["tolerance_pct"],
            "unit": data["unit"] or "",
            "from_year": data["from_year"],
            "to_year": data["to_year"],
            "indicator": data["indicator"],
            "source_text": data["source_text"] or "",
            "baseline": (
                {"value": data["baseline_value"], "year": data["baseline_year"]}
                if data["baseline_value"] is not None
                else None
            ),
        }
        if "code" in self.fields:
            values["code"] = data["code"]
        return values


class TaskEditForm(forms.Form):
    code = _code_field()
    program = forms.TypedChoiceField(label=_("Thuộc chương trình"), coerce=int)
    text = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 5}))
    due_date = DayField(label=_("Thời hạn (nếu có)"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)

    def __init__(
        self, *args: Any, programs: list[tuple[int, str]], new: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs  # type: ignore[attr-defined]
        if not new:
            del self.fields["code"]

    def document_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "program": data["program"],
            "text": data["text"].strip(),
            "due_date": data["due_date"].isoformat() if data["due_date"] else None,
            "status": data["status"],
        }
        if "code" in self.fields:
            values["code"] = data["code"]
        return values


class BreakthroughEditForm(forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự khâu đột phá"), min_value=1, max_value=99)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))
    programs = forms.TypedMultipleChoiceField(
        label=_("Các chương trình thực hiện"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tasks = forms.MultipleChoiceField(
        label=_("Các nhiệm vụ thực hiện"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        programs: list[tuple[int, str]],
        tasks: list[tuple[str, str]],
        new: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programs"].choices = programs  # type: ignore[attr-defined]
        self.fields["tasks"].choices = tasks  # type: ignore[attr-defined]
        if not new:
            del self.fields["number"]

    def document_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "text": data["text"].strip(),
            "programs": sorted(set(data["programs"])),
            "tasks": sorted(set(data["tasks"])),
        }
        if "number" in self.fields:
            values["number"] = data["number"]
        return values


class DecisionForm(forms.Form):
    """Section II.4: the Standing Committee's decision that supplements or adjusts the plan.
    For a draft (not yet a plan of record) only an optional note."""

    decision_ref = forms.CharField(
        label=_("Văn bản quyết định (số, ngày)"),
        max_length=200,
        help_text=_("Ví dụ: Kết luận số 120-KL/TU ngày 30/6/2023 của Ban Thường vụ Tỉnh ủy."),
    )
    date = DayField(label=_("Ngày của văn bản"))
    reason = forms.CharField(
        label=_("Nội dung, lý do điều chỉnh"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args: Any, draft: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if draft:
            del self.fields["decision_ref"]
            del self.fields["date"]
            self.fields["reason"].required = False
            self.fields["reason"].label = _("Ghi chú (không bắt buộc)")

    def decision(self) -> PlanDecision:
        data = self.cleaned_data
        return PlanDecision(
            reason=data.get("reason", ""),
            decision_ref=data.get("decision_ref", ""),
            date=data.get("date"),
        )


_LAST = re.compile(r"\.(\w+)$")
_ALIASES = {
    "indicator_code": "indicator",
    "baseline": "baseline_year",
    "baseline.value": "baseline_value",
    "baseline.year": "baseline_year",
}


def document_error_attach(
    exc: PlanDocumentError, *, form: forms.Form, decision: DecisionForm
) -> None:
    """Put a refusal of the plan-document rules next to the field it concerns (else on top)."""
    path = exc.path
    name = next((alias for key, alias in _ALIASES.items() if path.endswith("." + key)), None)
    if name is None:
        match = _LAST.search(path)
        name = match.group(1) if match else None
    for target in (form, decision):
        if name is not None and name in target.fields:
            target.add_error(name, exc.message[:1].upper() + exc.message[1:] + ".")
            return
    form.add_error(None, exc.message[:1].upper() + exc.message[1:] + ".")
