"""Forms of the plan pages."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiendo.plans.document import PlanDocumentError


class PlanAdjustForm(forms.Form):
    file = forms.FileField(label=_("Tài liệu chương trình đã điều chỉnh (.json)"))
    decision_ref = forms.CharField(label=_("Văn bản quyết định (số, ngày)"), max_length=200)
    date = forms.DateField(
        label=_("Ngày của văn bản"), widget=forms.DateInput(attrs={"type": "date"})
    )
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
