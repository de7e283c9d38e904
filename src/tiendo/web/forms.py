"""Forms of the plan pages."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.core.dates import DayField
from tiendo.org.models import OrgUnit
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import AssignmentRole, ImplementingDocument


class PlanAdjustForm(forms.Form):
    file = forms.FileField(label=_("Tài liệu chương trình đã điều chỉnh (.json)"))
    decision_ref = forms.CharField(label=_("Văn bản quyết định (số, ngày)"), max_length=200)
    date = DayField(label=_("Ngày của văn bản"))
    reason = forms.CharField(
        label=_("Nội dung, lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def document(self) -> Any:
        """The uploaded JSON; a file that is not JSON raises PlanDocumentError with its place."""
        raw = self.cleaned_data["file"].read()
        try:
            return json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise PlanDocumentError("$", "tệp không phải văn bản UTF-8") from exc
        except json.JSONDecodeError as exc:
            raise PlanDocumentError(
                "$", f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"
            ) from exc


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return DayField(label=label, required=required)


class _BasisMixin(forms.Form):
    basis_document = forms.ModelChoiceField(
        label=_("Văn bản căn cứ (văn bản triển khai đã ghi nhận)"),
        queryset=ImplementingDocument.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )
    basis_text = forms.CharField(
        label=_("Căn cứ khác (số, ngày văn bản hoặc quyết định)"), max_length=500, required=False
    )
    valid_from = _date_field(_("Từ ngày"))
    valid_to = _date_field(_("Đến ngày (để trống nếu không thời hạn)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("basis_document") and not (data.get("basis_text") or "").strip():
            self.add_error(
                "basis_text", _("Cần ghi căn cứ: chọn văn bản, hoặc ghi số, ngày quyết định.")
            )
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class DelegationForm(_BasisMixin):
    """Hand programs, targets and tasks on to units (the service checks every rule)."""

    from_unit = forms.ChoiceField(label=_("Đơn vị giao"), required=False)
    items = forms.MultipleChoiceField(
        label=_("Chương trình, chỉ tiêu, nhiệm vụ được giao"),
        error_messages={"required": _("Hãy chọn ít nhất một chương trình, chỉ tiêu hay nhiệm vụ.")},
    )
    to_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được giao"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Hãy chọn ít nhất một đơn vị được giao.")},
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[(AssignmentRole.LEAD, _("Chủ trì")), (AssignmentRole.COORDINATE, _("Phối hợp"))],
        initial=AssignmentRole.LEAD,
        widget=forms.RadioSelect,
    )
    part = forms.CharField(
        label=_("Phần được giao (để trống nếu giao toàn bộ)"), max_length=500, required=False
    )

    def __init__(
        self,
        *args: Any,
        from_choices: list[tuple[str, str]],
        item_choices: list[tuple[str, str]],
        units: Any,
        documents: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].choices = from_choices  # type: ignore[attr-defined]
        self.fields["items"].choices = item_choices  # type: ignore[attr-defined]
        self.fields["to_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["basis_document"].queryset = documents  # type: ignore[attr-defined]


class DelegationEndForm(forms.Form):
    end_date = _date_field(_("Ngày cuối cùng của phân công"))
    reason = forms.CharField(
        label=_("Lý do (văn bản, quyết định)"),
        max_length=500,
        error_messages={"required": _("Cần ghi lý do kết thúc phân công.")},
    )


class GroupResolveForm(_BasisMixin):
    members = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị thành viên"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Hãy chọn các đơn vị thành viên của nhóm.")},
    )

    def __init__(self, *args: Any, units: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = units  # type: ignore[attr-defined]
        self.fields["basis_document"].queryset = documents  # type: ignore[attr-defined]
