"""What a reporter typed, and its checks: a figure (value, year, type, qualifier, source,
note, correction reason) and a task report (status, percent done, narrative). Each check gives
the values to save and the errors keyed "figure-<target id>-<field>" / "task-<task id>-<field>"
with a Vietnamese message."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tiendo.core.numbers import NumberFormatError, format_number, parse_number
from tiendo.core.text import text_nfc
from tiendo.indicators.models import FigureType, Qualifier
from tiendo.plans.models import Target, TaskStatus

from ..models import ReportingRound, SubmissionFigure, SubmissionTask


@dataclass
class FigureInput:
    """What a reporter typed for one target (text, as typed). None keeps the saved value."""

    value: str | None = None
    year: str | None = None
    figure_type: str | None = None
    qualifier: str | None = None
    source: str | None = None
    note: str | None = None
    correction_reason: str | None = None


@dataclass
class TaskInput:
    """What a reporter typed for one task. None keeps the saved value."""

    status: str | None = None
    percent_done: str | None = None
    narrative: str | None = None


# Decimal places of a stored figure (SubmissionFigure.value and Figure.value).
FIGURE_DECIMALS = 6


def _is_percent(target: Target) -> bool:
    return target.unit.strip().startswith("%")


def figure_value_parse(*, target: Target, text: str) -> Decimal | None:
    """Read a reported value; raise ValidationError with a Vietnamese message."""
    text = (text or "").strip()
    if not text:
        return None
    if target.indicator_ref_id is None:
        # A qualitative target is judged by the office's assessment, not by a figure: a number
        # typed for it would have no indicator to become a figure of.
        raise ValidationError(
            _(
                "Chỉ tiêu %(code)s được đánh giá bằng nhận xét, không bằng số liệu: hãy để trống "
                "ô giá trị và ghi kết quả vào phần ghi chú."
            )
            % {"code": target.code}
        )
    try:
        value = parse_number(text)
    except NumberFormatError as exc:
        raise ValidationError(
            _("Chỉ tiêu %(code)s: “%(text)s” không phải là số. Hãy viết như 6.650, 6650 hoặc 3,5.")
            % {"code": target.code, "text": text}
        ) from exc
    if _is_percent(target) and not Decimal(0) <= value <= Decimal(100):
        raise ValidationError(
            _("Chỉ tiêu %(code)s: tỷ lệ (%(unit)s) phải trong khoảng 0 đến 100, không phải %(v)s.")
            % {"code": target.code, "unit": target.unit, "v": format_number(value)}
        )
    if value < 0:
        raise ValidationError(
            _("Chỉ tiêu %(code)s: số liệu không được âm (%(v)s).")
            % {"code": target.code, "v": format_number(value)}
        )
    if abs(value) >= Decimal(10) ** 14:
        raise ValidationError(_("Chỉ tiêu %(code)s: số quá lớn.") % {"code": target.code})
    if value.normalize().as_tuple().exponent < -FIGURE_DECIMALS:  # type: ignore[operator]
        # Stored with 6 decimals: more would be rounded (0,0000001 → 0), so refuse it.
        raise ValidationError(
            _(
                "Chỉ tiêu %(code)s: “%(text)s” có quá %(n)s chữ số thập phân; tiendo lưu số liệu "
                "với tối đa %(n)s chữ số sau dấu phẩy và không tự làm tròn. Hãy làm tròn số rồi "
                "nhập lại."
            )
            % {"code": target.code, "text": text, "n": FIGURE_DECIMALS}
        )
    return value


def _validate_figure(
    item: SubmissionFigure, data: FigureInput, rnd: ReportingRound
) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    prefix = f"figure-{item.target_id}"
    code = item.target.code
    values: dict[str, Any] = {}
    if data.value is not None:
        try:
            values["value"] = figure_value_parse(target=item.target, text=data.value)
        except ValidationError as exc:
            errors[f"{prefix}-value"] = exc.messages[0]
    if data.year is not None:
        year_text = data.year.strip() or str(rnd.year)
        if not year_text.isdigit() or int(year_text) != rnd.year:
            errors[f"{prefix}-year"] = _(
                "Chỉ tiêu %(code)s: năm %(y)s nằm ngoài đợt báo cáo (đợt này báo cáo năm %(r)s)."
            ) % {"code": code, "y": year_text, "r": rnd.year}
        else:
            values["year"] = int(year_text)
    if data.figure_type is not None:
        if data.figure_type not in FigureType.values:
            errors[f"{prefix}-figure_type"] = _("Chỉ tiêu %(code)s: loại số liệu không hợp lệ.") % {
                "code": code
            }
        else:
            values["figure_type"] = data.figure_type
    if data.qualifier is not None:
        if data.qualifier not in Qualifier.values:
            errors[f"{prefix}-qualifier"] = _("Chỉ tiêu %(code)s: mức chính xác không hợp lệ.") % {
                "code": code
            }
        else:
            values["qualifier"] = data.qualifier
    for key in ("source", "note", "correction_reason"):
        text = getattr(data, key)
        if text is not None:
            _text_field(values, errors, key=key, text=text, prefix=prefix, code=code)
    return values, errors


# One limit per text field, the same on the page, in the API and in the data-entry workbook, all
# below what an Excel cell holds (tiendo.core.text.EXCEL_CELL_MAX), so text survives a download
# and an upload unchanged (issue 13, item 5).
TEXT_LIMITS = {"source": 1_000, "note": 10_000, "correction_reason": 5_000, "narrative": 20_000}
TEXT_LABELS = {
    "source": _lazy("nguồn số liệu"),
    "note": _lazy("ghi chú"),
    "correction_reason": _lazy("lý do điều chỉnh"),
    "narrative": _lazy("kết quả thực hiện"),
}


def _text_field(
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    key: str,
    text: str,
    prefix: str,
    code: str,
) -> None:
    """Store `text` NFC-normalised and trimmed, or record why it is refused (too long)."""
    clean = text_nfc(text).strip()
    limit = TEXT_LIMITS[key]
    if len(clean) > limit:
        errors[f"{prefix}-{key}"] = _(
            "%(code)s: %(field)s dài %(n)s ký tự, quá giới hạn %(max)s ký tự. Hãy rút gọn"
            " hoặc đưa phần chi tiết vào tài liệu kèm theo."
        ) % {
            "code": code,
            "field": TEXT_LABELS[key],
            "n": format_number(len(clean)),
            "max": format_number(limit),
        }
        return
    values[key] = clean


def _validate_task(item: SubmissionTask, data: TaskInput) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    prefix = f"task-{item.task_id}"
    code = item.task.code
    values: dict[str, Any] = {}
    if data.narrative is not None:
        _text_field(values, errors, key="narrative", text=data.narrative, prefix=prefix, code=code)
    if data.status is not None:
        if data.status not in TaskStatus.values:
            errors[f"{prefix}-status"] = _("Nhiệm vụ %(code)s: tình trạng không hợp lệ.") % {
                "code": code
            }
        else:
            values["status"] = data.status
    if data.percent_done is not None:
        text = data.percent_done.strip().rstrip("%").strip()
        if not text:
            values["percent_done"] = None
        else:
            try:
                pct: Decimal | None = parse_number(text)
            except NumberFormatError:
                pct = None
            if pct is None or pct != pct.to_integral_value() or not 0 <= pct <= 100:
                errors[f"{prefix}-percent_done"] = _(
                    "Nhiệm vụ %(code)s: phần trăm hoàn thành phải là số nguyên từ 0 đến 100, không phải “%(t)s”."
                ) % {"code": code, "t": data.percent_done}
            else:
                values["percent_done"] = int(pct)
    status = values.get("status", item.status)
    percent = values.get("percent_done", item.percent_done)
    if (
        status == TaskStatus.DONE
        and percent not in (None, 100)
        and f"{prefix}-percent_done" not in errors
    ):
        errors[f"{prefix}-percent_done"] = _(
            "Nhiệm vụ %(code)s: đã hoàn thành thì phần trăm hoàn thành là 100."
        ) % {"code": code}
    return values, errors


FIGURE_FIELDS = ("value", "year", "figure_type", "qualifier", "source", "note", "correction_reason")
TASK_FIELDS = ("status", "percent_done", "narrative")
