"""The reviewer's target form: plan-document fields typed the Vietnamese way."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.core.numbers import NumberFormatError, parse_number
from tiendo.plans.document import decimal_text
from tiendo.plans.models import Comparator, TargetKind


class NumberField(forms.CharField):
    """A number in Vietnamese or plain format ("6.650", "6650", "3,5"), as a decimal string."""

    def clean(self, value: Any) -> str | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return decimal_text(parse_number(text))
        except NumberFormatError:
            raise forms.ValidationError(
                _("“%(v)s” không phải là số (ví dụ: 6.650 hoặc 3,5).") % {"v": text}
            ) from None


class TargetForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=32)
    program = forms.TypedChoiceField(label=_("Chương trình"), coerce=int)
    indicator = forms.CharField(label=_("Tên chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Loại"), choices=TargetKind.choices)
    comparator = forms.ChoiceField(
        label=_("So sánh"), choices=[("", _("(không có)")), *Comparator.choices], required=False
    )
    value = NumberField(label=_("Giá trị"), required=False)
    value_high = NumberField(label=_("Cận trên"), required=False)
    unit = forms.CharField(label=_("Đơn vị tính"), required=False, max_length=120)
    from_year = forms.IntegerField(
        label=_("Từ năm"), required=False, min_value=1945, max_value=2100
    )
    to_year = forms.IntegerField(label=_("Đến năm"), min_value=1945, max_value=2100)
    source_text = forms.CharField(
        label=_("Nguyên văn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, programs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs  # type: ignore[attr-defined]

    def document_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "program": data["program"],
            "kind": data["kind"],
            "comparator": data["comparator"] or None,
            "value": data["value"],
            "value_high": data["value_high"],
            "unit": data["unit"] or "",
            "from_year": data["from_year"],
            "to_year": data["to_year"],
            "indicator": data["indicator"],
            "source_text": data["source_text"] or "",
        }


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Văn bản (.docx, .pdf, .txt, .md)"))
    code = forms.SlugField(label=_("Mã dự thảo (không bắt buộc)"), required=False, max_length=64)
